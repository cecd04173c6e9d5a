package cn.zjlm.federation.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zjlm.federation.gateway.MergedOpenApi.Merge;
import cn.zjlm.federation.gateway.MergedOpenApi.Merged;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

class MergedOpenApiTest {
    private static final long T0 = 1_000_000_000L;

    @Test
    void aCompleteMergeServesFor30Seconds() {
        Merge merge = new Merge(Future.succeededFuture(new Merged("{}", true)), T0);
        assertFalse(merge.stale(T0 + MergedOpenApi.KEPT_NANOS));
        assertTrue(merge.stale(T0 + MergedOpenApi.KEPT_NANOS + 1));
    }

    @Test
    void aMergeMissingAServiceOrFailedIsMadeAgainAtOnce() {
        assertTrue(new Merge(Future.succeededFuture(new Merged("{}", false)), T0).stale(T0 + 1));
        assertTrue(new Merge(Future.failedFuture("down"), T0).stale(T0 + 1));
    }

    @Test
    void callsDuringAMergeShareIt() {
        Promise<Merged> underWay = Promise.promise();
        assertFalse(new Merge(underWay.future(), T0).stale(T0 + 1));
    }
}
