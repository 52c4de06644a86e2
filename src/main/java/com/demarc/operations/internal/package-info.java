/** The Tomcat and health wiring behind the operations module. */
@org.jspecify.annotations.NullMarked
package com.demarc.operations.internal;
