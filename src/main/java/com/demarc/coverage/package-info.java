/** Coverage against the AWS model: the rule, rollups kept in step with every change, dashboards, trend, exports. */
package com.demarc.coverage;
