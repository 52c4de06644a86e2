/** Users, teams and memberships; the admin views that manage them. */
package com.demarc.organization;
