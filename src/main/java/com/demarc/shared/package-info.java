/** Shared kernel: roles, permissions, the signed-in principal, user-facing errors and the main layout. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package com.demarc.shared;
