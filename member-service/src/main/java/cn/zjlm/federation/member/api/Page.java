package cn.zjlm.federation.member.api;

import java.util.List;

/** One page of a list; {@code total} counts every match in the caller's scope. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
