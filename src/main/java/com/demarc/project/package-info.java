/** Projects, their AWS services, and the per-project control register with effective owner, status and history. */
package com.demarc.project;
