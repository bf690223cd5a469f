#!/usr/bin/env sh
# Creates the hub's topics on a Kafka cluster. Generated from TopicCatalog (DataHub.Hub.Kafka.TopicScript): do not edit.
# Usage: BOOTSTRAP=kafka-1:9092 ./kafka-topics.sh   (add --command-config FILE via KAFKA_TOPICS_OPTS for a secured cluster)
set -eu
BOOTSTRAP="${BOOTSTRAP:-kafka-1:9092}"

# 出生登记 Births registered by public security.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.household.birth.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 死信 Records a feed rejected, with source, line, field and reason.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.deadletter.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=604800000
