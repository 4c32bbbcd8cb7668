// swift-tools-version: 6.1
import PackageDescription

// The layers of docs/design.md; arrows point down only.
let package = Package(
    name: "host",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "host", targets: ["host"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // host serve's HTTP server; its traits (swift-configuration, full Foundation) are not used.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Named for HostBenchmarks' HTTP load generator and host serve's event loop group;
        // already in the build through Hummingbird.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        // HMAC-SHA256 and SHA-256 for checking SigV4 signatures (host serve beyond loopback).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        // YAML workflow tests (`*.test.yaml`, docs/testing.md).
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // host serve's graceful shutdown (the console's open streams end when it begins); already
        // in the build through Hummingbird.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        // The web console's pages (docs/console.md): Mustache templates, HTML-escaped by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Lua 5.4 from the system, with a shim header for its macros and the C half of the
        // sandbox (allocator, hook, trampolines). Only LuaSandbox imports it.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // Time: the clock a workspace gives every part, and the one conversion of dates to
        // epoch milliseconds.
        .target(name: "Clocks"),
        // Random identifiers (request ids, event ids, names) without Foundation's file reads.
        .target(name: "Identifiers"),
        .target(
            name: "JSONValue",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // JSONata: parser and evaluator, below StatesLanguage (docs/jsonata.md).
        .target(
            name: "JSONata",
            dependencies: ["JSONValue", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(
            name: "StatesLanguage",
            dependencies: ["JSONValue", "JSONata", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(name: "Engine", dependencies: ["Clocks", "Identifiers", "StatesLanguage", "JSONValue"]),
        // The sandbox defines strcoll, which liblua's string comparisons call, so that they end
        // at the deadline (docs/sandbox.md, "The deadline"). Only the GNU and LLVM linkers
        // export a symbol of an executable that a shared library uses; gold (Swift's default)
        // needs to be told, and the dynamic linker must see it to bind liblua's calls to it.
        .target(
            name: "LuaSandbox",
            dependencies: ["CLua", "JSONValue"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=strcoll"], .when(platforms: [.linux]))]
        ),
        .target(name: "Events", dependencies: ["Clocks", "Identifiers", "JSONValue", "StatesLanguage", "Engine", "Store"]),
        .target(name: "Store", dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(name: "Logs", dependencies: ["Clocks", "JSONValue", "Store"]),
        .target(name: "Functions", dependencies: ["Identifiers", "JSONValue", "LuaSandbox", "Logs"]),
        .target(name: "Diagrams", dependencies: ["StatesLanguage", "Engine", "JSONValue"]),
        // The services functions and workflows reach, each over a store protocol of its own:
        // DynamoDB-like tables, SNS/IoT-like topics, S3-like buckets (docs/design.md).
        .target(name: "Services", dependencies: ["Clocks", "Identifiers", "JSONValue", "Functions", "LuaSandbox", "Store", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Workspace", dependencies: ["Clocks", "Identifiers", "JSONValue", "StatesLanguage", "Engine", "Events", "Functions", "Logs", "Store", "LuaSandbox", "Services",
                                              .product(name: "HeapModule", package: "swift-collections"), .product(name: "Yams", package: "Yams")]),
        // The web console of host serve (docs/console.md): pages over Workspace's services and
        // the diagrams, on the API's port.
        .target(
            name: "Console",
            dependencies: [
                "Clocks", "Workspace", "Diagrams", "Engine", "StatesLanguage", "JSONValue", "Functions", "Services",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The AWS wire protocols over Workspace's services: no logic of its own beyond
        // translating requests to service calls and their answers back.
        .target(
            name: "HostServer",
            dependencies: [
                "Workspace", "Identifiers", "JSONValue", "Engine", "Console", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Crypto", package: "swift-crypto"),
                // host serve's own event loop group of one thread (docs/profiles/serve-http.md).
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "host",
            dependencies: [
                "HostServer", "Clocks", "Workspace", "Services", "JSONValue", "StatesLanguage", "Engine", "Diagrams",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Times typical Step Functions expressions; compare_jsonata.py runs them beside the
        // Python implementations.
        .executableTarget(name: "JSONataBenchmarks", dependencies: ["JSONata", "JSONValue"], exclude: ["compare_jsonata.py"]),
        .executableTarget(
            name: "HostBenchmarks",
            dependencies: ["Clocks", "Workspace", "Engine", "StatesLanguage", "Functions", "JSONValue", "LuaSandbox", "Identifiers",
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           // The floor under serve.roundtrip: Hummingbird alone (Serve/FloorServer.swift).
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types")]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "IdentifiersTests", dependencies: ["Identifiers"]),
        .testTarget(name: "JSONValueTests", dependencies: ["JSONValue", "TestSupport"]),
        .testTarget(name: "JSONataTests", dependencies: ["JSONata", "JSONValue"]),
        .testTarget(name: "StatesLanguageTests", dependencies: ["StatesLanguage", "JSONValue", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: ["Clocks", "Engine", "StatesLanguage", "JSONValue", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "LuaSandboxTests", dependencies: ["LuaSandbox", "JSONValue"], exclude: ["Scripts"]),
        .testTarget(name: "FunctionsTests", dependencies: ["Clocks", "Functions", "LuaSandbox", "Logs", "Store", "JSONValue", "TestSupport"]),
        .testTarget(name: "LogsTests", dependencies: ["Logs", "Store", "JSONValue"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "EventsTests", dependencies: ["Events", "Engine", "JSONValue", "Store"]),
        .testTarget(name: "DiagramsTests", dependencies: ["Clocks", "Diagrams", "StatesLanguage", "Engine", "JSONValue"], exclude: ["Golden"]),
        .testTarget(name: "HostCLITests", dependencies: ["JSONValue", "TestSupport"]),
        .testTarget(name: "WorkspaceTests", dependencies: ["Workspace", "Services", "Store", "Functions", "LuaSandbox", "JSONValue", "TestSupport",
                                                  .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ServicesTests", dependencies: ["Services", "Store", "Functions", "LuaSandbox", "JSONValue", "TestSupport"]),
        .testTarget(name: "HostServerTests", dependencies: ["HostServer"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Workspace", "JSONValue", "TestSupport", .product(name: "Hummingbird", package: "hummingbird")]),
    ],
    swiftLanguageModes: [.v6]
)
