# Sourced by the bench scripts after they set $root: the JDK the launcher finds ($java) and the JVM
# options it gives every command ($jvm_options, from bin/jvm-options), so that each figure is
# measured as a user runs Kasa.
java_home=$("$root/bin/find-jdk" 21)
java="$java_home/bin/java"
mapfile -t jvm_options < <("$root/bin/jvm-options")
