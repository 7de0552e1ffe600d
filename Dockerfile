# rbac-audit as a container image: built with Maven, run on a JRE only, as a non-root user, on a read-only root
# filesystem (the JVM's scratch space is /tmp, which the CronJob in deploy/ mounts as an emptyDir).
#
#   docker build -t rbac-audit:0.1.0 .
#   docker run --rm --read-only --tmpfs /tmp -v "$PWD/examples:/in:ro" rbac-audit:0.1.0 scan /in
#
# Build stage: dependencies first (cached while only sources change), tests skipped (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -Dmaven.test.skip=true dependency:go-offline
COPY src/main src/main
COPY rules rules
COPY reports-templates reports-templates
RUN mvn -B -q -Dmaven.test.skip=true package && cp target/rbac-audit.jar /rbac-audit.jar

# Runtime stage: the JRE and the one self-contained jar, nothing else.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 65532 rbac-audit \
 && useradd --system --uid 65532 --gid 65532 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin rbac-audit
COPY --from=build --chown=root:root --chmod=0444 /rbac-audit.jar /opt/rbac-audit/rbac-audit.jar
USER 65532:65532
WORKDIR /tmp
ENV NO_COLOR=1
# No perf data file (it would need a writable /tmp/hsperfdata_*), temp files in /tmp, heap from the container limit,
# and no optimising compiler: a scan is one pass, and C2 costs more CPU than it saves (see the rbac-audit launcher).
# Flags here rather than in JAVA_TOOL_OPTIONS, which the JVM announces on stderr, where the tool's own lines go.
ENTRYPOINT ["java", "-XX:-UsePerfData", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=/tmp", \
            "-jar", "/opt/rbac-audit/rbac-audit.jar"]
CMD ["--help"]
