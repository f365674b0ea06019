# The rigwatch image: the fat jar on a Java 17 runtime. Build the jar first (`mvn -B -DskipTests package`).
ARG JAVA_IMAGE=eclipse-temurin:17-jre
FROM ${JAVA_IMAGE}
WORKDIR /opt/rigwatch
COPY app/target/rigwatch-all.jar rigwatch.jar
ENTRYPOINT ["java", "-jar", "/opt/rigwatch/rigwatch.jar"]
CMD ["--help"]
