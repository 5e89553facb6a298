# syntax=docker/dockerfile:1
#
# The consent ledger, command side (HTTP 8080).
# Build from the repository root:   docker build -f docker/command-side.Dockerfile .
# Needs BuildKit (the default builder since Docker Engine 23 and in `docker compose` v2): the
# Maven repository is kept in a build cache mount between builds.

ARG BUILD_IMAGE=eclipse-temurin:17-jdk-noble
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-noble

# ---- stage 1: build the module and split the Spring Boot jar into its layers -------------------
FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace

# The whole reactor is needed: the parent pom lists every module, and -am builds shared-kernel, consent-validity, serialization-and-clock and web-support.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY shared-kernel/ shared-kernel/
COPY consent-validity/ consent-validity/
COPY serialization-and-clock/ serialization-and-clock/
COPY web-support/ web-support/
COPY evidence-verifier/ evidence-verifier/
COPY command-side/ command-side/
COPY query-side/ query-side/
# The embedded default's store, tests and benchmarks: never built here (-pl ... -am skips them), but the parent pom lists them.
COPY embedded-store/pom.xml embedded-store/
COPY system-tests/pom.xml system-tests/
COPY bench/pom.xml bench/

RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
 && ./mvnw -B -q -pl command-side -am package -DskipTests

WORKDIR /layers
RUN cp /workspace/command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---- stage 2: the runtime image -----------------------------------------------------------------
FROM ${RUNTIME_IMAGE}

RUN groupadd --system --gid 10001 ledger \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin ledger

WORKDIR /app
# Least-often-changed layer first, so a code change only rebuilds the last one.
COPY --from=build /layers/extracted/dependencies/ ./
COPY --from=build /layers/extracted/spring-boot-loader/ ./
COPY --from=build /layers/extracted/snapshot-dependencies/ ./
COPY --from=build /layers/extracted/application/ ./

COPY docker/healthcheck.sh /usr/local/bin/ledger-healthcheck
RUN chmod 0755 /usr/local/bin/ledger-healthcheck

# AXONIQ_UPDATE_CHECKER_DISABLED and -Daxoniq.update-checker.disabled are both read by Axon
# Framework 4.12's update checker (EnvironmentVariableUsagePropertyProvider /
# CommandLineUsagePropertyProvider); the env var stays in force if JAVA_OPTS is replaced.
# Readiness/liveness health groups are only on by default on Kubernetes; the HEALTHCHECK needs them.
ENV SERVER_PORT=8080 \
    AXONIQ_UPDATE_CHECKER_DISABLED=true \
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Daxoniq.update-checker.disabled=true"

USER 10001:10001
EXPOSE 8080

HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=6 \
    CMD ["/usr/local/bin/ledger-healthcheck"]

# JAVA_OPTS is split on whitespace on purpose; arguments given to `docker run` go to the app.
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "command-side"]
