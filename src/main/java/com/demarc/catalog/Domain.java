package com.demarc.catalog;

/** A group of controls, e.g. IAM or Network & Zone Security. */
public record Domain(String code, String name) {
}
