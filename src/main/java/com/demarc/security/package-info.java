/** Sign-in, the security configuration, sessions and the current user's scope. */
@org.jspecify.annotations.NullMarked
package com.demarc.security;
