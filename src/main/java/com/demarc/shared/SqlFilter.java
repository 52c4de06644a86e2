package com.demarc.shared;

import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SQL {@code where} clause built from optional conditions, with its named parameters — the one way repositories
 * turn a filter record into SQL. Conditions whose value is null (or blank text) are left out.
 *
 * <pre>{@code
 * var where = SqlFilter.where("not p.archived")
 *         .and("p.team_id = any(:teams)", "teams", teamIds)
 *         .andLike("(c.code ilike :text or c.title ilike :text)", "text", filter.text());
 * jdbc.sql("select ... from project p" + where.sql()).params(where.params())
 * }</pre>
 */
public final class SqlFilter {
    private final StringBuilder sql;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private SqlFilter(String first) {
        this.sql = new StringBuilder(" where ").append(first);
    }

    /** A filter starting with a fixed condition. */
    public static SqlFilter where(String condition) {
        return new SqlFilter(condition);
    }

    /** A filter starting with a fixed condition that uses one parameter. */
    public static SqlFilter where(String condition, String name, Object value) {
        var filter = new SqlFilter(condition);
        filter.params.put(name, bindable(value));
        return filter;
    }

    /** A filter that matches everything until conditions are added. */
    public static SqlFilter all() {
        return new SqlFilter("true");
    }

    /** Adds a fixed condition (no parameter). */
    public SqlFilter and(String condition) {
        sql.append(" and ").append(condition);
        return this;
    }

    /** Adds a fixed condition when {@code include} holds. */
    public SqlFilter andIf(boolean include, String condition) {
        return include ? and(condition) : this;
    }

    /**
     * Adds the condition with parameter {@code :name} bound to the value, unless the value is null. Enums bind as
     * their names, collections of numbers or strings as SQL arrays (for {@code = any(:name)}).
     */
    public SqlFilter and(String condition, String name, @Nullable Object value) {
        if (value == null) {
            return this;
        }
        sql.append(" and ").append(condition);
        params.put(name, bindable(value));
        return this;
    }

    /** Adds a case-insensitive "contains" condition ({@code ilike :name}) unless the text is null or blank. */
    public SqlFilter andLike(String condition, String name, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        sql.append(" and ").append(condition);
        params.put(name, containsPattern(text));
        return this;
    }

    /** The clause, starting with a space: {@code " where ... and ..."}. */
    public String sql() {
        return sql.toString();
    }

    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /** A LIKE pattern matching the text anywhere, with LIKE's own characters escaped (PostgreSQL's default escape). */
    public static String containsPattern(String text) {
        return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Object bindable(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Collection<?> c) {
            if (!c.isEmpty() && c.iterator().next() instanceof String) {
                return c.toArray(String[]::new);
            }
            return c.stream().map(v -> v instanceof Number n ? n.longValue() : v).toArray(Long[]::new);
        }
        return value;
    }
}
