import Dispatch

#if canImport(Glibc)
import Glibc
#endif

extension Array where Element: Sendable {
  /// `map`, computed on every core, with results in the input's order (so output stays
  /// byte-identical). Used where many independent scenarios are simulated (large tables).
  func concurrentMap<T: Sendable>(minimumChunk: Int = 64, _ transform: @Sendable (Element) -> T) -> [T] {
    let cores = Swift.max(1, Swift.min(8, activeProcessorCount()))
    guard cores > 1, count >= 2 * minimumChunk else { return map(transform) }
    let chunks = Swift.min(cores * 4, (count + minimumChunk - 1) / minimumChunk)
    let chunkSize = (count + chunks - 1) / chunks
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      nonisolated(unsafe) let out = buffer
      self.withUnsafeBufferPointer { input in
        nonisolated(unsafe) let input = input
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
          let start = chunk * chunkSize
          let end = Swift.min(start + chunkSize, input.count)
          guard start < end else { return }
          for i in start..<end { out.initializeElement(at: i, to: transform(input[i])) }
        }
      }
      initialized = count
    }
  }
}

/// The number of processors this process may run on (`sysconf(_SC_NPROCESSORS_ONLN)`).
private func activeProcessorCount() -> Int {
  #if canImport(Glibc)
  return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  #else
  return 1
  #endif
}
