/** Shared kernel: roles, permissions, the signed-in principal, user-facing errors and the main layout. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.demarc.shared;
