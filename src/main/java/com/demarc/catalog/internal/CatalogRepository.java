package com.demarc.catalog.internal;

import com.demarc.shared.SqlFilter;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.AwsServiceId;
import com.demarc.catalog.Control;
import com.demarc.catalog.ControlData;
import com.demarc.catalog.ControlDraft;
import com.demarc.catalog.ControlFilter;
import com.demarc.catalog.ControlId;
import com.demarc.catalog.Domain;
import com.demarc.catalog.ModelId;
import com.demarc.catalog.Owner;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.catalog.SeedItem;
import com.demarc.catalog.ServiceCategory;
import com.demarc.catalog.SummaryRow;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** SQL for models, domains, controls, the model summary and AWS services. */
@Repository
public class CatalogRepository {
    private static final String CONTROL_SELECT = """
            select c.*, coalesce(d.name, c.domain_code) as domain_name
              from control c
              left join lateral (select name from catalog_domain x
                                  where x.code = c.domain_code and (x.model_id = c.model_id or x.model_id is null)
                                  order by x.model_id nulls last limit 1) d on true
            """;

    private final JdbcClient jdbc;

    public CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- models

    public Optional<String> hashOf(String provider, String version) {
        return jdbc.sql("select content_hash from responsibility_model where provider = :p and version = :v")
                .param("p", provider).param("v", version).query(String.class).optional();
    }

    public ModelId insertModel(CatalogDocument.Header h, String hash, String actor) {
        return new ModelId(jdbc.sql("""
                        insert into responsibility_model (provider, name, version, published, source_url, content_hash, loaded_by)
                        values (:provider, :name, :version, :published, :source, :hash, :actor) returning id""")
                .param("provider", h.provider()).param("name", h.name()).param("version", h.version())
                .param("published", h.published()).param("source", h.source() == null ? "" : h.source())
                .param("hash", hash).param("actor", actor).query(Long.class).single());
    }

    public List<ResponsibilityModel> models() {
        return jdbc.sql("select * from responsibility_model order by published desc, loaded_at desc, id desc")
                .query(MODEL).list();
    }

    public Optional<ResponsibilityModel> model(ModelId id) {
        return jdbc.sql("select * from responsibility_model where id = :id").param("id", id.value()).query(MODEL).optional();
    }

    public void insertDomains(ModelId model, List<Domain> domains) {
        int position = 0;
        for (Domain d : domains) {
            jdbc.sql("insert into catalog_domain (model_id, code, name, position) values (:m, :c, :n, :p)")
                    .param("m", model.value()).param("c", d.code()).param("n", d.name()).param("p", position++).update();
        }
    }

    /** The model's domains, then the organisation's own. */
    public List<Domain> domains(ModelId model) {
        return jdbc.sql("""
                        select code, name from catalog_domain where model_id = :m or model_id is null
                         order by (model_id is null), position""")
                .param("m", model.value()).query((rs, n) -> new Domain(rs.getString(1), rs.getString(2))).list();
    }

    // --- controls

    public void insertControls(ModelId model, List<CatalogDocument.ControlRow> rows, String actor) {
        int position = 0;
        for (var r : rows) {
            jdbc.sql("""
                            insert into control (model_id, origin, code, domain_code, title, description, default_owner,
                                   customer_part, aws_part, owner_infrastructure, owner_container, owner_abstracted,
                                   ccm_ids, nist_ids, source_url, seed_refs, position, updated_by)
                            values (:model, 'MODEL', :code, :domain, :title, :description, :owner, :cp, :ap, :inf, :con,
                                    :abs, :ccm::varchar(20)[], :nist::varchar(30)[], :source, :seed::varchar(12)[], :pos, :actor)""")
                    .param("model", model.value()).param("code", r.code()).param("domain", r.domain())
                    .param("title", r.title()).param("description", r.description()).param("owner", r.owner().name())
                    .param("cp", r.customerPart()).param("ap", r.awsPart())
                    .param("inf", r.infrastructure().name()).param("con", r.container().name())
                    .param("abs", r.abstracted().name())
                    .param("ccm", r.ccm().toArray(String[]::new)).param("nist", r.nist().toArray(String[]::new))
                    .param("source", r.source() == null ? "" : r.source())
                    .param("seed", r.seed().toArray(String[]::new)).param("pos", position++).param("actor", actor)
                    .update();
        }
    }

    public ControlId insertOrganisationControl(ControlDraft d, String actor) {
        return new ControlId(jdbc.sql("""
                        insert into control (model_id, origin, code, domain_code, title, description, default_owner,
                               customer_part, aws_part, owner_infrastructure, owner_container, owner_abstracted,
                               ccm_ids, nist_ids, source_url, position, updated_by)
                        values (null, 'ORGANISATION', :code, :domain, :title, :description, :owner, :cp, :ap, :inf, :con,
                                :abs, :ccm::varchar(20)[], :nist::varchar(30)[], :source, 10000, :actor) returning id""")
                .params(draftParams(d)).param("actor", actor).query(Long.class).single());
    }

    public boolean updateOrganisationControl(ControlId id, long expectedVersion, ControlDraft d, String actor) {
        return jdbc.sql("""
                        update control set domain_code = :domain, title = :title, description = :description,
                               default_owner = :owner, customer_part = :cp, aws_part = :ap, owner_infrastructure = :inf,
                               owner_container = :con, owner_abstracted = :abs, ccm_ids = :ccm::varchar(20)[],
                               nist_ids = :nist::varchar(30)[], source_url = :source, updated_at = now(),
                               updated_by = :actor, version = version + 1
                         where id = :id and version = :version and origin = 'ORGANISATION'""")
                .params(draftParams(d)).param("actor", actor).param("id", id.value())
                .param("version", expectedVersion).update() == 1;
    }

    private static Map<String, Object> draftParams(ControlDraft d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", d.code().strip());
        p.put("domain", d.domainCode());
        p.put("title", d.title().strip());
        p.put("description", d.description().strip());
        p.put("owner", d.defaultOwner().name());
        p.put("cp", blankToNull(d.customerPart()));
        p.put("ap", blankToNull(d.awsPart()));
        p.put("inf", d.infrastructure().name());
        p.put("con", d.container().name());
        p.put("abs", d.abstracted().name());
        p.put("ccm", d.ccmIds().toArray(String[]::new));
        p.put("nist", d.nistIds().toArray(String[]::new));
        p.put("source", d.sourceUrl() == null ? "" : d.sourceUrl().strip());
        return p;
    }

    public List<Control> findControls(ControlFilter f, int offset, int limit) {
        var where = where(f);
        return jdbc.sql(CONTROL_SELECT + where.sql() + " order by c.origin, c.position, c.code offset :offset limit :limit")
                .params(where.params()).param("offset", offset).param("limit", limit).query(CONTROL).list();
    }

    public int countControls(ControlFilter f) {
        var where = where(f);
        return jdbc.sql("select count(*) from control c" + where.sql()).params(where.params()).query(Integer.class).single();
    }

    /** Every control of a model version (without organisation controls), in catalog order. */
    public List<Control> controlsOf(ModelId model) {
        return jdbc.sql(CONTROL_SELECT + " where c.model_id = :m order by c.position, c.code")
                .param("m", model.value()).query(CONTROL).list();
    }

    public Optional<Control> control(ControlId id) {
        return jdbc.sql(CONTROL_SELECT + " where c.id = :id").param("id", id.value()).query(CONTROL).optional();
    }

    public Optional<Control> controlByCode(ModelId model, String code) {
        return jdbc.sql(CONTROL_SELECT + " where (c.model_id = :m or c.origin = 'ORGANISATION') and c.code = :code")
                .param("m", model.value()).param("code", code).query(CONTROL).optional();
    }

    public boolean codeTaken(String code) {
        return jdbc.sql("select exists(select 1 from control where code = :c)").param("c", code).query(Boolean.class).single();
    }

    private static SqlFilter where(ControlFilter f) {
        String ownerColumn = f.category() == null ? "c.default_owner" : "c.owner_" + f.category().key();
        return SqlFilter.where("(c.model_id = :model or c.origin = 'ORGANISATION')", "model", f.model().value())
                .andIf(f.category() != null, ownerColumn + " <> 'NOT_APPLICABLE'")
                .and(ownerColumn + " = :owner", "owner", f.owner())
                .and("c.domain_code = :domain", "domain", f.domainCode())
                .andLike("(c.code ilike :text or c.title ilike :text or c.description ilike :text"
                        + " or coalesce(c.customer_part, '') ilike :text or coalesce(c.aws_part, '') ilike :text"
                        + " or array_to_string(c.ccm_ids, ' ') ilike :text or array_to_string(c.nist_ids, ' ') ilike :text)",
                        "text", f.text());
    }

    // --- seed items and model summary

    public void insertSeedItems(ModelId model, List<SeedItem> items) {
        int position = 0;
        for (var s : items) {
            jdbc.sql("insert into seed_item (model_id, code, section, text, position) values (:m, :c, :s, :t, :p)")
                    .param("m", model.value()).param("c", s.code()).param("s", s.section()).param("t", s.text())
                    .param("p", position++).update();
        }
    }

    public List<SeedItem> seedItems(ModelId model) {
        return jdbc.sql("select code, section, text from seed_item where model_id = :m order by position")
                .param("m", model.value())
                .query((rs, n) -> new SeedItem(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    public void insertSummary(ModelId model, List<SummaryRow> rows) {
        int position = 0;
        for (var r : rows) {
            long rowId = jdbc.sql("""
                            insert into model_summary_row (model_id, code, text, owner, position)
                            values (:m, :c, :t, :o, :p) returning id""")
                    .param("m", model.value()).param("c", r.code()).param("t", r.text()).param("o", r.owner().name())
                    .param("p", position++).query(Long.class).single();
            for (String code : r.controlCodes()) {
                jdbc.sql("""
                                insert into model_summary_control (row_id, control_id)
                                select :r, id from control where model_id = :m and code = :c on conflict do nothing""")
                        .param("r", rowId).param("m", model.value()).param("c", code).update();
            }
        }
    }

    public List<SummaryRow> summary(ModelId model) {
        Map<String, SummaryRow> rows = new LinkedHashMap<>();
        Map<String, List<String>> codes = new LinkedHashMap<>();
        jdbc.sql("""
                        select r.code, r.text, r.owner, c.code as control_code
                          from model_summary_row r
                          left join model_summary_control sc on sc.row_id = r.id
                          left join control c on c.id = sc.control_id
                         where r.model_id = :m order by r.position, c.code""")
                .param("m", model.value())
                .query(rs -> {
                    String code = rs.getString("code");
                    codes.computeIfAbsent(code, k -> new ArrayList<>());
                    rows.putIfAbsent(code, new SummaryRow(code, rs.getString("text"), Owner.valueOf(rs.getString("owner")), List.of()));
                    if (rs.getString("control_code") != null) {
                        codes.get(code).add(rs.getString("control_code"));
                    }
                });
        return rows.values().stream()
                .map(r -> new SummaryRow(r.code(), r.text(), r.owner(), List.copyOf(codes.get(r.code())))).toList();
    }

    // --- services

    public int insertMissingServices(List<CatalogDocument.ServiceRow> services, String actor) {
        int added = 0;
        for (var s : services) {
            added += jdbc.sql("""
                            insert into aws_service (code, name, category, updated_by) values (:c, :n, :cat, :a)
                            on conflict (code) do nothing""")
                    .param("c", s.code()).param("n", s.name()).param("cat", s.category().name()).param("a", actor).update();
        }
        return added;
    }

    public List<AwsService> services() {
        return jdbc.sql("select id, code, name, category, version from aws_service order by name").query(SERVICE).list();
    }

    public Optional<AwsService> service(AwsServiceId id) {
        return jdbc.sql("select id, code, name, category, version from aws_service where id = :id")
                .param("id", id.value()).query(SERVICE).optional();
    }

    public Optional<String[]> serviceChangedBy(AwsServiceId id) {
        return jdbc.sql("select updated_by, updated_at::text from aws_service where id = :id").param("id", id.value())
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).optional();
    }

    public AwsServiceId insertService(String code, String name, ServiceCategory category, String actor) {
        return new AwsServiceId(jdbc.sql("insert into aws_service (code, name, category, updated_by) values (:c, :n, :cat, :a) returning id")
                .param("c", code).param("n", name).param("cat", category.name()).param("a", actor)
                .query(Long.class).single());
    }

    public boolean updateService(AwsServiceId id, long expectedVersion, String name, ServiceCategory category, String actor) {
        return jdbc.sql("""
                        update aws_service set name = :n, category = :cat, updated_at = now(), updated_by = :a,
                               version = version + 1 where id = :id and version = :v""")
                .param("n", name).param("cat", category.name()).param("a", actor).param("id", id.value())
                .param("v", expectedVersion).update() == 1;
    }

    // --- mapping

    private static final RowMapper<ResponsibilityModel> MODEL = (rs, n) -> new ResponsibilityModel(
            new ModelId(rs.getLong("id")), rs.getString("provider"), rs.getString("name"), rs.getString("version"),
            rs.getObject("published", LocalDate.class), rs.getString("source_url"), instant(rs, "loaded_at"),
            rs.getString("loaded_by"));

    private static final RowMapper<AwsService> SERVICE = (rs, n) -> new AwsService(new AwsServiceId(rs.getLong("id")),
            rs.getString("code"), rs.getString("name"), ServiceCategory.valueOf(rs.getString("category")),
            rs.getLong("version"));

    private static final RowMapper<Control> CONTROL = (rs, n) -> {
        long model = rs.getLong("model_id");
        return new Control(new ControlId(rs.getLong("id")), rs.getLong("version"), new ControlData(rs.wasNull() ? null : new ModelId(model),
                "ORGANISATION".equals(rs.getString("origin")), rs.getString("code"), rs.getString("domain_code"),
                rs.getString("domain_name"), rs.getString("title"), rs.getString("description"),
                Owner.valueOf(rs.getString("default_owner")), rs.getString("customer_part"), rs.getString("aws_part"),
                Owner.valueOf(rs.getString("owner_infrastructure")), Owner.valueOf(rs.getString("owner_container")),
                Owner.valueOf(rs.getString("owner_abstracted")), strings(rs, "ccm_ids"), strings(rs, "nist_ids"),
                rs.getString("source_url"), strings(rs, "seed_refs"), instant(rs, "updated_at"),
                rs.getString("updated_by")));
    };

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        var array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var odt = rs.getObject(column, OffsetDateTime.class);
        return odt == null ? null : odt.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
