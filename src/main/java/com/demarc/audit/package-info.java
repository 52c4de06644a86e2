/** The append-only, hash-chained audit log: who did what, when, to which entity, and its verification. */
@org.jspecify.annotations.NullMarked
package com.demarc.audit;
