/** Users, teams and memberships; the admin views that manage them. */
@org.jspecify.annotations.NullMarked
package com.demarc.organization;
