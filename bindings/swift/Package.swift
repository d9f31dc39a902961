// swift-tools-version:5.9
// vpskit for Swift. The generated sources (Sources/Vpskit/Vpskit.swift and the VpskitFFI module)
// are produced by generate.sh from the Rust crate and are never committed; build-xcframework.sh
// builds the native library for Apple platforms on macOS.
import PackageDescription

let package = Package(
    name: "Vpskit",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Vpskit", targets: ["Vpskit"]),
    ],
    targets: [
        .binaryTarget(name: "VpskitFFI", path: "build/VpskitFFI.xcframework"),
        .target(name: "Vpskit", dependencies: ["VpskitFFI"], path: "Sources/Vpskit"),
        .testTarget(name: "VpskitTests", dependencies: ["Vpskit"], path: "Tests/VpskitTests"),
    ]
)
