/** Extension points of organization's pages that other modules implement (the users page's extra columns). */
@org.springframework.modulith.NamedInterface("ui-extension")
@org.jspecify.annotations.NullMarked
package com.demarc.organization.ui.extension;
