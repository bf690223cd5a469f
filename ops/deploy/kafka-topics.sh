#!/usr/bin/env sh
# Creates the hub's topics on a Kafka cluster. Generated from TopicCatalog (DataHub.Hub.Kafka.TopicScript): do not edit.
# Usage: BOOTSTRAP=kafka-1:9092 ./kafka-topics.sh   (add --command-config FILE via KAFKA_TOPICS_OPTS for a secured cluster)
set -eu
BOOTSTRAP="${BOOTSTRAP:-kafka-1:9092}"

# 出生登记 Births registered by public security.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.household.birth.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 死亡登记与户籍注销 Deaths and cancelled household registrations, from public security.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.household.death.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 户口迁入迁出 Household registration moved into or out of an area.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.household.move.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 资助参保人群 Membership of groups whose enrolment is subsidised (civil affairs, rural revitalisation, disabled persons' federation).
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.assistance.membership.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 医保缴费 Contributions collected by the tax bureau.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.tax.contribution.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 缴费单位登记 Employers registered for contributions; compacted: the latest registration per employer.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.tax.employer.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 就业登记 Job starts and ends from human resources and social security.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.employment.job-event.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 在校学生名册 Students on school rosters from the education department.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.education.student-enrolment.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 出生医学证明 Birth certificates from health, converted from FHIR R4; keyed by the mother until the child has an ID.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.health.birth-certificate.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 死亡医学证明 Medical certificates of death from health, converted from FHIR R4.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.health.death-certificate.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 参保登记 Enrolments and their changes, from the enrolment registry.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.enrolment.enrolment.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 转移接续 Transfers of medical-insurance relations between pooling areas.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.enrolment.transfer.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 参保缺口事件 Coverage gap cases (missed, lapsed, deceased-enrolled, duplicate) and e-invoice signals (fund paid while not enrolled or after death), and their changes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.reconciliation.gap-event.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 医疗收费电子票据开具 Medical-fee e-invoices issued.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.invoice.issued.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 医疗收费电子票据红冲 Red-letter e-invoices voiding earlier ones, keyed by the invoice they void.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.invoice.voided.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=-1
# 数据源运行任务 Requests to run a feed; the instance holding the feed's partition runs it, another takes over when it dies.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.hub.feed-work.v1 --partitions 6 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=604800000
# 死信 Records a feed rejected, with source, line, field and reason.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.deadletter.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=delete --config retention.ms=604800000
# 标准1 医保疾病诊断分类与代码 (diagnosis) Medical-insurance diagnosis classification and codes (ICD-10 medical-insurance edition).
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.diagnosis.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准1 医保手术操作分类与代码 (operation) Medical-insurance operation classification and codes (ICD-9-CM-3 medical-insurance edition).
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.operation.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准2 医疗服务项目分类与代码 (service-item) Medical service item classification and codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.service-item.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准3 医保药品分类与代码 (drug) Medical-insurance drug classification and codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.drug.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准4 医保医用耗材分类与代码 (consumable) Medical-insurance medical consumable classification and codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.consumable.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准5 医保结算清单 (settlement-list) Medical-insurance settlement list.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.settlement-list.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准6 医保系统单位分类与代码 (agency) Medical-insurance agency classification and codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.agency.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准7 医保系统工作人员代码 (agency-staff) Medical-insurance agency staff codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.agency-staff.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准8 定点医疗机构代码 (institution) Designated medical institution codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.institution.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准9 医保医师代码 (physician) Medical-insurance physician codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.physician.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准10 医保护士代码 (nurse) Medical-insurance nurse codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.nurse.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准11 定点零售药店代码 (pharmacy) Designated retail pharmacy codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.pharmacy.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准12 医保药师代码 (pharmacist) Medical-insurance pharmacist codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.pharmacist.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准13 医保门诊慢特病病种代码 (chronic-disease) Medical-insurance outpatient chronic and special disease codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.chronic-disease.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准14 医保按病种结算病种代码 (disease-settlement) Medical-insurance codes of diseases settled by disease type.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.disease-settlement.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
# 标准15 医保日间手术病种代码 (day-surgery) Medical-insurance day-surgery disease codes.
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists --topic mi.codes.day-surgery.v1 --partitions 3 --replication-factor 3 --config min.insync.replicas=2 --config cleanup.policy=compact --config retention.ms=-1
