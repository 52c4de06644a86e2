/** The AWS responsibility model: versions, controls with both halves, service categories, effective owner. */
package com.demarc.catalog;
