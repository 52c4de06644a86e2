/** The AWS responsibility model: versions, controls with both halves, service categories, effective owner. */
@org.jspecify.annotations.NullMarked
package com.demarc.catalog;
