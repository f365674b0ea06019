# The rigwatch image: the fat jar on a Java 17 runtime; the command picks the role (ingest, streams, alerts,
# api, simulate, topics, tail, ...). Build with docker/build-images.sh, which builds the jar and picks JAVA_IMAGE.
ARG JAVA_IMAGE=eclipse-temurin:17-jre
FROM ${JAVA_IMAGE}
# lets docker/build-images.sh remove the images its rebuilds leave untagged
LABEL dev.rigwatch.image=rigwatch
WORKDIR /opt/rigwatch
COPY app/target/rigwatch-all.jar rigwatch.jar
# the stages' state (Kafka Streams stores) lives here; compose mounts a named volume on it
ENV RIGWATCH_STATE_DIR=/var/lib/rigwatch/state
VOLUME /var/lib/rigwatch/state
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/opt/rigwatch/rigwatch.jar"]
CMD ["--help"]
