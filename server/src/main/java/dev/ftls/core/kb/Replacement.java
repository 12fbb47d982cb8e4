package dev.ftls.core.kb;

/**
 * The strong-reference (or otherwise thread-safe) API to use instead of an entry, and the first
 * CPython version that has it, as "3.13". {@code note} says anything the user must know.
 */
public record Replacement(String name, String since, String note) {}
