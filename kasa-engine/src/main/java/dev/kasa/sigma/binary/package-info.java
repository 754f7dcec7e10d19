/**
 * The compact binary form Kasa writes compiled rule sets in (a cache, never an exchange format):
 * varints, strings through a table so that each distinct string is written once, and primitive
 * arrays in bulk. Streams and buffers only; where the bytes are kept is the caller's business.
 */
package dev.kasa.sigma.binary;
