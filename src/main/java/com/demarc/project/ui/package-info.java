/**
 * The project form and dialog, reused by the RACI module, which owns the {@code /projects} routes (the project list
 * and a project's page, whose register is its RACI matrix).
 */
@org.springframework.modulith.NamedInterface("ui")
package com.demarc.project.ui;
