package cn.zjlm.federation.commons.api;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint's results: the items, where they sit (page, size) and how many there are. */
public record ResultPage<T>(List<T> items, int page, int size, long total) {
    /** The deepest page a list endpoint serves: page × size must stay an int offset (at most 200 a page). */
    public static final long MAX_PAGE = 100_000;

    /** The requested page of the query, each row turned into its view. */
    public static <E, T> ResultPage<T> of(PanacheQuery<E> query, int page, int size, Function<E, T> view) {
        return new ResultPage<>(query.page(page, size).list().stream().map(view).toList(), page, size, query.count());
    }
}
