/** Project views; the project dialog is reused by the RACI module's project page. */
@org.springframework.modulith.NamedInterface("ui")
package com.demarc.project.ui;
