/** The append-only, hash-chained audit log: who did what, when, to which entity, and its verification. */
package com.demarc.audit;
