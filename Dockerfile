# NewsFlow image: one jar with the CLI (ingest, enrich, sink, run, ...) and the
# extracted NLP models; docker-compose.yml runs each stage from it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schemas schemas
COPY broker broker
COPY testkit testkit
COPY http http
COPY ingest ingest
COPY enrich enrich
COPY sink sink
COPY app app
RUN mvn -B -q -Dmaven.test.skip=true -pl app -am install

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/lib/newsflow --create-home newsflow \
    && install -d -o newsflow -g newsflow /var/lib/newsflow/enrich /var/lib/newsflow/sink
# The state directories exist in the image, owned by newsflow, so a fresh volume mounted on them (one per
# replica in docker-compose.yml) starts with that owner instead of root.
WORKDIR /opt/newsflow
COPY --from=build /src/app/target/lib lib
COPY --from=build /src/app/target/newsflow.jar newsflow.jar
USER newsflow
ENV JAVA_OPTS="-Xms256m -Xmx1g -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/newsflow/newsflow.jar \"$@\"", "newsflow"]
CMD ["--help"]
