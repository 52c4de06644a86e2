package com.demarc.automation;

import com.demarc.automation.internal.ResourceCountsParser;
import com.demarc.automation.internal.ResourceTypeTable;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.AwsServiceId;
import com.demarc.catalog.CatalogService;
import com.demarc.project.AwsAccountId;
import com.demarc.project.Project;
import com.demarc.project.ProjectAccess;
import com.demarc.project.ProjectDraft;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.demarc.shared.Permissions.HAS_PROJECT_EDIT;

/**
 * Which AWS services a project really uses, from AWS Config's discovered resource counts (an uploaded
 * {@code aws configservice get-discovered-resource-counts} output, or counts a scheduled pull read): a proposal of
 * services to add and remove, with the owner changes accepting it brings; accepting goes through the project's own
 * (audited) service change. The resource types map to catalog services through the shipped table
 * {@code catalog/aws-config-resource-types.csv}.
 */
@Service
public class ServiceProposalService {
    private final ResourceTypeTable table;
    private final ProjectService projects;
    private final ProjectAccess access;
    private final CatalogService catalog;

    ServiceProposalService(ResourceTypeTable table, ProjectService projects, ProjectAccess access, CatalogService catalog) {
        this.table = table;
        this.projects = projects;
        this.access = access;
        this.catalog = catalog;
    }

    /** Reads an uploaded resource-counts file as a stream and proposes services from it (nothing changes yet). */
    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional(readOnly = true)
    public ServiceProposal proposeServices(ProjectId project, InputStream resourceCounts) {
        access.requireEdit(project);
        return propose(project, ResourceCountsParser.parse(resourceCounts));
    }

    /** Proposes services from resource type → count (the entry point for a scheduled pull); nothing changes yet. */
    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional(readOnly = true)
    public ServiceProposal proposeServices(ProjectId project, Map<String, Long> counts) {
        access.requireEdit(project);
        return propose(project, counts);
    }

    /**
     * Sets the project's services to the accepted ones through the project's service change (owner changes applied,
     * audited); {@code expectedVersion} is the project version the proposal was made against.
     */
    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional
    public Project acceptServices(ProjectId project, long expectedVersion, java.util.Set<AwsServiceId> services) {
        access.requireEdit(project);
        var p = projects.project(project);
        if (p.archived()) {
            throw new UserFacingException("Project " + p.name() + " is archived: restore it before changing its services.");
        }
        return projects.update(project, expectedVersion, new ProjectDraft(p.teamId(), p.name(), p.description(),
                p.awsAccountIds().stream().map(AwsAccountId::value).toList(), java.util.Set.copyOf(services)));
    }

    private ServiceProposal propose(ProjectId id, Map<String, Long> counts) {
        var p = projects.project(id);
        var byCode = new HashMap<String, AwsService>();
        catalog.services().forEach(s -> byCode.put(s.code(), s));
        var resources = new TreeMap<String, Long>();
        var types = new TreeMap<String, List<String>>();
        var withoutService = new TreeMap<String, Long>();
        var unknown = new TreeMap<String, Long>();
        long total = 0;
        for (var e : counts.entrySet()) {
            long n = e.getValue() == null ? 0 : e.getValue();
            total += n;
            var code = table.serviceCode(e.getKey());
            if (code == null) {
                unknown.put(e.getKey(), n);
            } else if (code.isEmpty() || !byCode.containsKey(code.get())) {
                withoutService.put(e.getKey(), n);
            } else if (n > 0) {
                resources.merge(code.get(), n, Long::sum);
                types.computeIfAbsent(code.get(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        var current = p.services().stream().map(AwsService::code).collect(Collectors.toSet());
        var visible = table.visibleServiceCodes();
        var add = new ArrayList<ServiceProposal.ServiceUse>();
        var keep = new ArrayList<ServiceProposal.ServiceUse>();
        for (var e : resources.entrySet()) {
            var use = new ServiceProposal.ServiceUse(byCode.get(e.getKey()), e.getValue(), List.copyOf(types.get(e.getKey())));
            (current.contains(e.getKey()) ? keep : add).add(use);
        }
        var remove = p.services().stream().filter(s -> visible.contains(s.code()) && !resources.containsKey(s.code()))
                .sorted(Comparator.comparing(AwsService::name)).toList();
        var proposed = new HashSet<AwsServiceId>();
        p.services().stream().filter(s -> !remove.contains(s)).forEach(s -> proposed.add(s.id()));
        add.forEach(u -> proposed.add(u.service().id()));
        add.sort(Comparator.comparing(u -> u.service().name()));
        keep.sort(Comparator.comparing(u -> u.service().name()));
        var changes = add.isEmpty() && remove.isEmpty() ? List.<com.demarc.project.OwnerChange>of()
                : projects.previewServices(id, proposed);
        return new ServiceProposal(p.id(), p.name(), p.version(), table.version(), total, List.copyOf(add), remove,
                List.copyOf(keep), withoutService, unknown, java.util.Set.copyOf(proposed), changes);
    }
}
