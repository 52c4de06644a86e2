package com.demarc.evidence;

import com.demarc.shared.UserFacingException;

/** An upload refused for its size, type, name or content; nothing of it is stored. */
public class EvidenceRefused extends UserFacingException {
    public EvidenceRefused(String message) {
        super(message);
    }
}
