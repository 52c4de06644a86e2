/** RACI of project controls: the rules, the matrix, bulk assignment, templates and "my responsibilities". */
package com.demarc.raci;
