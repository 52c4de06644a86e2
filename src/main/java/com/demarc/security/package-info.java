/** Sign-in, the security configuration, sessions and the current user's scope. */
package com.demarc.security;
