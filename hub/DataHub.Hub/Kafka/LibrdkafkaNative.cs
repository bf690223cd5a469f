using System.Runtime.InteropServices;
using System.Text;

namespace DataHub.Hub.Kafka;

/// <summary>
/// The few librdkafka C functions the embedded cluster needs that Confluent.Kafka does not wrap:
/// librdkafka's built-in Kafka-protocol cluster (rd_kafka_mock_*). "librdkafka" resolves to the
/// same native library Confluent.Kafka ships (librdkafka.redist).
/// </summary>
internal static partial class LibrdkafkaNative
{
    private const string Lib = "librdkafka";
    public const int ProducerType = 0;

    [LibraryImport(Lib)] public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, UIntPtr errstrSize);

    [LibraryImport(Lib)] public static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);
    [LibraryImport(Lib)] public static partial void rd_kafka_destroy(IntPtr rk);
    [LibraryImport(Lib)] public static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);
    [LibraryImport(Lib)] public static partial void rd_kafka_mock_cluster_destroy(IntPtr mcluster);
    [LibraryImport(Lib)] public static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Lib)] public static partial int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);
    [LibraryImport(Lib)] public static partial int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);
    [LibraryImport(Lib)] public static partial IntPtr rd_kafka_err2str(int err);
    [LibraryImport(Lib)] public static partial void rd_kafka_mock_push_request_errors_array(IntPtr mcluster, short apiKey, UIntPtr count, int[] errors);
    [LibraryImport(Lib)] public static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);

    public static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";

    public static string Text(byte[] buffer) => Encoding.UTF8.GetString(buffer, 0, Math.Max(0, Array.IndexOf(buffer, (byte)0)));
}
