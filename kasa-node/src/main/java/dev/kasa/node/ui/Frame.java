package dev.kasa.node.ui;

/**
 * What the layout of every page shows: the title, which section of the navigation is current, who
 * is logged in, and the session's CSRF token (a meta tag that the static script adds to htmx
 * requests, and a field of the logout form).
 */
record Frame(String title, String section, String user, String role, String csrf) {}
