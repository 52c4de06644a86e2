package com.demarc.oscal;

/** An exported OSCAL document: the file name it is offered under, its format and its bytes. */
public record OscalFile(String fileName, OscalFormat format, byte[] bytes) {
}
