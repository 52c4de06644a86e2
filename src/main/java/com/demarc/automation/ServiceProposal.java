package com.demarc.automation;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.AwsServiceId;
import com.demarc.project.OwnerChange;
import com.demarc.project.ProjectId;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AWS services a project's AWS Config resource counts say it uses, against the services it records: what to add,
 * what to remove (only services AWS Config can see), what stays, the resource types with no catalog service and the
 * ones the shipped table does not know (listed, never dropped), and which controls would change owner on accepting.
 */
public record ServiceProposal(ProjectId projectId, String projectName, long projectVersion, String mappingVersion,
                              long resourcesCounted, List<ServiceUse> add, List<AwsService> remove, List<ServiceUse> keep,
                              Map<String, Long> withoutService, Map<String, Long> unknownTypes,
                              Set<AwsServiceId> proposed, List<OwnerChange> ownerChanges) {

    /** A catalog service with the resources AWS Config counted for it. */
    public record ServiceUse(AwsService service, long resources, List<String> resourceTypes) {
        public String describe() {
            return service.name() + " (" + resources + " resource" + (resources == 1 ? "" : "s") + ": "
                    + String.join(", ", resourceTypes) + ")";
        }
    }

    /** Whether accepting would change the project's services. */
    public boolean changes() {
        return !add.isEmpty() || !remove.isEmpty();
    }
}
