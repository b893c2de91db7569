// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "intake",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "api-gateway", targets: ["APIGatewayMain"]),
        .executable(name: "upload-service", targets: ["UploadServiceMain"]),
        .executable(name: "import-worker", targets: ["ImportWorkerMain"]),
        .executable(name: "report-service", targets: ["ReportServiceMain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/ordo-one/benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // MARK: Shared libraries
        .target(
            name: "IntakeDomain",
            path: "Shared/IntakeDomain"
        ),
        .target(
            name: "IntakeEngine",
            dependencies: ["IntakeDomain", "CPrefetch", "CByteMasks"],
            path: "Shared/IntakeEngine"
        ),
        .systemLibrary(
            name: "CPrefetch",
            path: "Shared/CPrefetch"
        ),
        .systemLibrary(
            name: "CByteMasks",
            path: "Shared/CByteMasks"
        ),
        .target(
            name: "IntakeXLSX",
            dependencies: ["IntakeDomain", "IntakeEngine", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Shared/IntakeXLSX"
        ),
        .target(
            name: "IntakeSources",
            dependencies: ["IntakeDomain", "IntakeEngine", "IntakeXLSX", "IntakePersistence"],
            path: "Shared/IntakeSources"
        ),
        .target(
            name: "IntakePersistence",
            dependencies: [
                "IntakeDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            path: "Shared/IntakePersistence"
        ),
        .systemLibrary(
            name: "CRabbitMQ",
            path: "Shared/CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Shared/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "IntakeMessaging",
            dependencies: [
                "CRabbitMQ",
                "IntakeDomain",
                "IntakePersistence",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Shared/IntakeMessaging"
        ),
        .target(
            name: "IntakeServiceKit",
            dependencies: [
                "IntakeDomain",
                "IntakePersistence",
                "IntakeMessaging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Shared/IntakeServiceKit"
        ),

        // MARK: Services (a library with the service, a thin executable per process)
        .target(
            name: "APIGateway",
            dependencies: [
                "IntakeDomain", "IntakeEngine", "IntakeSources", "IntakePersistence", "IntakeMessaging", "IntakeServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Services/APIGateway/Sources"
        ),
        .executableTarget(
            name: "APIGatewayMain",
            dependencies: ["APIGateway", "IntakeServiceKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Services/APIGateway/Main"
        ),
        .target(
            name: "UploadService",
            dependencies: [
                "IntakeDomain", "IntakePersistence", "IntakeServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Services/UploadService/Sources"
        ),
        .executableTarget(
            name: "UploadServiceMain",
            dependencies: ["UploadService", "IntakeServiceKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Services/UploadService/Main"
        ),
        .target(
            name: "ImportWorker",
            dependencies: [
                "IntakeDomain", "IntakeEngine", "IntakeSources", "IntakePersistence", "IntakeMessaging", "IntakeServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            path: "Services/ImportWorker/Sources"
        ),
        .executableTarget(
            name: "ImportWorkerMain",
            dependencies: ["ImportWorker", "IntakeServiceKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Services/ImportWorker/Main"
        ),
        .target(
            name: "ReportService",
            dependencies: [
                "IntakeDomain", "IntakeEngine", "IntakePersistence", "IntakeMessaging", "IntakeServiceKit", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Services/ReportService/Sources"
        ),
        .executableTarget(
            name: "ReportServiceMain",
            dependencies: ["ReportService", "IntakeServiceKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Services/ReportService/Main"
        ),

        // MARK: Tests
        .target(
            name: "IntakeTestSupport",
            dependencies: [
                "IntakePersistence",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/IntakeTestSupport"
        ),
        .target(
            name: "XLSXTestSupport",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/XLSXTestSupport"
        ),
        .target(
            name: "BenchmarkSupport",
            dependencies: ["IntakeEngine", "IntakeDomain"],
            path: "Tests/Benchmarks/BenchmarkSupport"
        ),
        .executableTarget(
            name: "EngineTimer",
            dependencies: ["BenchmarkSupport", "IntakeEngine"],
            path: "Tests/Benchmarks/EngineTimer"
        ),
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: ["BenchmarkSupport", "IntakeEngine", "IntakeDomain", .product(name: "Benchmark", package: "benchmark")],
            path: "Tests/Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .testTarget(name: "IntakeEngineTests", dependencies: ["IntakeEngine", "IntakeDomain", "CByteMasks"], path: "Tests/IntakeEngineTests"),
        .testTarget(
            name: "IntakeXLSXTests",
            dependencies: ["IntakeXLSX", "IntakeEngine", "IntakeDomain", "XLSXTestSupport"],
            path: "Tests/IntakeXLSXTests"
        ),
        .testTarget(
            name: "IntakePersistenceTests",
            dependencies: [
                "IntakePersistence", "IntakeDomain", "IntakeTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/IntakePersistenceTests"
        ),
        .testTarget(
            name: "IntakeMessagingTests",
            dependencies: ["IntakeMessaging", "IntakePersistence", "IntakeDomain", "IntakeTestSupport"],
            path: "Tests/IntakeMessagingTests"
        ),
        .testTarget(
            name: "APIGatewayTests",
            dependencies: [
                "APIGateway", "IntakePersistence", "IntakeDomain", "IntakeServiceKit", "IntakeTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/APIGatewayTests"
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "IntakeDomain", "IntakeTestSupport", "IntakeServiceKit", "XLSXTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/EndToEndTests"
        ),
    ]
)
