package cn.zjlm.federation.care;

import cn.zjlm.federation.local.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest in this module runs on a real PostgreSQL and a real Kafka broker. */
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "care"))
public class RealInfrastructure {
}
