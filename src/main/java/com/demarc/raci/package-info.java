/** RACI of project controls: the rules, the matrix, bulk assignment, templates and "my responsibilities". */
@org.jspecify.annotations.NullMarked
package com.demarc.raci;
