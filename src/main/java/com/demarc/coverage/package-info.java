/** Coverage against the AWS model: the rule, rollups kept in step with every change, dashboards, trend, exports. */
@org.jspecify.annotations.NullMarked
package com.demarc.coverage;
