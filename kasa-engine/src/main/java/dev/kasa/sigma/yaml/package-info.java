/**
 * Reading YAML for Sigma rules and configuration files: the parser events of a text (a one-pass
 * scanner for the block style these files use, snakeyaml-engine for the rest) and the recorded
 * events a composer reads them from.
 */
package dev.kasa.sigma.yaml;
