#!/usr/bin/env bash
# Makes the TLS material of a secured cluster in DIR, once (a second run keeps what is there): a CA, one broker key
# and certificate valid for the given host names, a trust store of the CA, and client.properties for Kafka's tools
# (SASL_SSL, SCRAM-SHA-512, as user $KAFKA_CLIENT_USER with $KAFKA_CLIENT_PASSWORD). Uses the JDK's keytool.
#   make-certs.sh DIR HOST[,HOST...]        store password: $CERTS_PASSWORD
set -euo pipefail
dir=$1 hosts=$2
pass=${CERTS_PASSWORD:?set CERTS_PASSWORD, the password of the key and trust stores}
if [ -f "$dir/truststore.p12" ] && [ -f "$dir/kafka.p12" ]; then
  echo "certificates already in $dir"
  exit 0
fi
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
san=$(printf 'dns:%s,' ${hosts//,/ })ip:127.0.0.1
keytool -genkeypair -keystore "$work/ca.p12" -storetype PKCS12 -storepass "$pass" -alias ca -dname CN=rigwatch-ca \
  -keyalg RSA -keysize 2048 -validity 3650 -ext bc:c >/dev/null 2>&1
keytool -exportcert -keystore "$work/ca.p12" -storepass "$pass" -alias ca -rfc -file "$work/ca.pem" >/dev/null 2>&1
keytool -genkeypair -keystore "$work/kafka.p12" -storetype PKCS12 -storepass "$pass" -alias kafka -dname CN=kafka \
  -keyalg RSA -keysize 2048 -validity 3650 >/dev/null 2>&1
keytool -certreq -keystore "$work/kafka.p12" -storepass "$pass" -alias kafka -file "$work/kafka.csr" >/dev/null 2>&1
keytool -gencert -keystore "$work/ca.p12" -storepass "$pass" -alias ca -infile "$work/kafka.csr" -outfile "$work/kafka.pem" \
  -rfc -validity 3650 -ext "san=$san" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth >/dev/null 2>&1
keytool -importcert -keystore "$work/kafka.p12" -storepass "$pass" -alias ca -file "$work/ca.pem" -noprompt >/dev/null 2>&1
keytool -importcert -keystore "$work/kafka.p12" -storepass "$pass" -alias kafka -file "$work/kafka.pem" >/dev/null 2>&1
keytool -importcert -keystore "$work/truststore.p12" -storetype PKCS12 -storepass "$pass" -alias ca -file "$work/ca.pem" \
  -noprompt >/dev/null 2>&1
cat > "$work/client.properties" <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${KAFKA_CLIENT_USER:-rigwatch}" password="${KAFKA_CLIENT_PASSWORD:?set KAFKA_CLIENT_PASSWORD}";
ssl.truststore.location=$dir/truststore.p12
ssl.truststore.password=$pass
ssl.truststore.type=PKCS12
PROPS
cp "$work/kafka.p12" "$work/truststore.p12" "$work/ca.pem" "$work/client.properties" "$dir/"
# the stages run as root, Apache's image as uid 1000: readable by both, which a named volume shared by them needs
chmod 644 "$dir"/*
echo "certificates for $hosts made in $dir"
