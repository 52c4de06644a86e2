package com.demarc.raci;

import com.demarc.project.ControlQuery;

/** What the RACI matrix shows: the register filters plus "unowned only". */
public record MatrixQuery(ControlQuery base, boolean unownedOnly) {
}
