#if canImport(Glibc)
@preconcurrency import Glibc

/// The few X11 protocol requests a window manager makes to close a window, spoken over
/// the X server's Unix socket (no Xlib, no package): ICCCM 4.2.8.1 — if the client lists
/// `WM_DELETE_WINDOW` in its top-level window's `WM_PROTOCOLS` property, the window
/// manager sends that window a `ClientMessage` of type `WM_PROTOCOLS` whose first datum is
/// `WM_DELETE_WINDOW` (with SendEvent, event mask 0: to the window's owner). That is what
/// a user's click on the close button becomes; xterm answers it with its DeleteWindow
/// action. (`xdotool windowclose` would instead destroy the window, and `windowkill`
/// XKillClient, which closes xterm's X connection: neither is what a window manager does
/// for a client that supports WM_DELETE_WINDOW.)
struct X11Connection {
  let fd: Int32
  let root: UInt32
  private var sequence: UInt16 = 0

  /// Connects to display `:display` on this machine, without authorization (the server
  /// the recorder started has no auth file, so it admits local clients).
  static func connect(display: Int) throws(RecorderError) -> X11Connection {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw RecorderError("cannot create a socket for X: \(System.errorText())") }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let path = Array("/tmp/.X11-unix/X\(display)".utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, byte) in path.enumerated() where i < raw.count - 1 { raw[i] = byte }
    }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else {
      let text = System.errorText()
      close(fd)
      throw RecorderError("cannot connect to X display :\(display): \(text)")
    }
    // Connection setup: little-endian, protocol 11.0, no authorization.
    var setup: [UInt8] = [0x6c, 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    do throws(RecorderError) {
      try X11Connection.send(fd, &setup)
      let head = try X11Connection.receive(fd, 8)
      let extra = try X11Connection.receive(fd, Int(X11Connection.u16(head, 6)) * 4)
      guard head[0] == 1 else {
        let reason = String(decoding: extra.prefix(Int(head[1])), as: UTF8.self)
        throw RecorderError("the X server refused the connection: \(reason)")
      }
      let vendorLength = Int(X11Connection.u16(extra, 16))
      let formats = Int(extra[21])
      let rootOffset = 32 + (vendorLength + 3) / 4 * 4 + 8 * formats
      guard extra.count >= rootOffset + 4 else { throw RecorderError("the X server's setup reply is too short") }
      return X11Connection(fd: fd, root: X11Connection.u32(extra, rootOffset))
    } catch {
      close(fd)
      throw error
    }
  }

  func disconnect() { close(fd) }

  mutating func internAtom(_ name: String) throws(RecorderError) -> UInt32 {
    let bytes = Array(name.utf8)
    let padded = (bytes.count + 3) / 4 * 4
    var request: [UInt8] =
      [16, 0] + X11Connection.le16(UInt16(2 + padded / 4)) + X11Connection.le16(UInt16(bytes.count)) + [0, 0]
    request += bytes + [UInt8](repeating: 0, count: padded - bytes.count)
    let reply = try roundTrip(&request)
    return X11Connection.u32(reply, 8)
  }

  /// The window's parent (QueryTree).
  mutating func parent(of window: UInt32) throws(RecorderError) -> UInt32 {
    var request: [UInt8] = [15, 0] + X11Connection.le16(2) + X11Connection.le32(window)
    let reply = try roundTrip(&request)
    return X11Connection.u32(reply, 12)
  }

  /// A property's value as 32-bit items (GetProperty, any type).
  mutating func property32(_ window: UInt32, _ property: UInt32) throws(RecorderError) -> [UInt32] {
    var request: [UInt8] =
      [20, 0] + X11Connection.le16(6) + X11Connection.le32(window) + X11Connection.le32(property)
      + X11Connection.le32(0) + X11Connection.le32(0) + X11Connection.le32(64)
    let reply = try roundTrip(&request)
    guard reply[1] == 32 else { return [] }
    let count = Int(X11Connection.u32(reply, 16))
    return (0..<count).compactMap { i in 32 + 4 * i + 4 <= reply.count ? X11Connection.u32(reply, 32 + 4 * i) : nil }
  }

  /// SendEvent of a 32-bit ClientMessage to `window`'s owner (event mask 0).
  mutating func sendClientMessage(to window: UInt32, type: UInt32, data: [UInt32]) throws(RecorderError) {
    var event: [UInt8] = [33, 32, 0, 0] + X11Connection.le32(window) + X11Connection.le32(type)
    for i in 0..<5 { event += X11Connection.le32(i < data.count ? data[i] : 0) }
    var request: [UInt8] =
      [25, 0] + X11Connection.le16(11) + X11Connection.le32(window) + X11Connection.le32(0) + event
    try X11Connection.send(fd, &request)
    sequence &+= 1
    // A round trip, so the request has been processed (or refused) before we go on.
    var sync: [UInt8] = [43, 0] + X11Connection.le16(1)
    _ = try roundTrip(&sync)
  }

  /// Sends a request that has a reply and returns the reply (header and extra data).
  private mutating func roundTrip(_ request: inout [UInt8]) throws(RecorderError) -> [UInt8] {
    try X11Connection.send(fd, &request)
    sequence &+= 1
    while true {
      let head = try X11Connection.receive(fd, 32)
      switch head[0] {
      case 0:
        // Requests go one at a time, so an error is this request's.
        throw RecorderError("X error \(head[1]) for request \(request[0]) (resource \(X11Connection.u32(head, 4)))")
      case 1:
        let extra = try X11Connection.receive(fd, Int(X11Connection.u32(head, 4)) * 4)
        if X11Connection.u16(head, 2) == sequence { return head + extra }
      default:
        continue  // an event: nobody asked for any, skip it
      }
    }
  }

  private static func send(_ fd: Int32, _ bytes: inout [UInt8]) throws(RecorderError) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw RecorderError("cannot write to the X server: \(System.errorText())") }
      offset += n
    }
  }

  private static func receive(_ fd: Int32, _ count: Int) throws(RecorderError) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    var offset = 0
    while offset < count {
      var ready = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
      guard poll(&ready, 1, 3000) > 0 else { throw RecorderError("the X server did not answer within 3 s") }
      let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw RecorderError("the X server closed the connection") }
      offset += n
    }
    return out
  }

  private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
  private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
  }
  private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
  private static func le32(_ v: UInt32) -> [UInt8] {
    [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
  }
}

extension X11Connection {
  /// Closes the top-level window that holds `window` as a window manager does: finds the
  /// top-level window (the ancestor whose parent is the root), checks that it lists
  /// WM_DELETE_WINDOW in WM_PROTOCOLS, and sends it the ClientMessage. Returns the
  /// top-level window.
  static func closeLikeWindowManager(display: Int, window: UInt32) throws(RecorderError) -> UInt32 {
    var x = try X11Connection.connect(display: display)
    defer { x.disconnect() }
    var toplevel = window
    for _ in 0..<8 {
      let parent = try x.parent(of: toplevel)
      if parent == x.root || parent == 0 { break }
      toplevel = parent
    }
    let protocols = try x.internAtom("WM_PROTOCOLS")
    let delete = try x.internAtom("WM_DELETE_WINDOW")
    guard try x.property32(toplevel, protocols).contains(delete) else {
      throw RecorderError("window 0x\(String(toplevel, radix: 16)) does not take WM_DELETE_WINDOW")
    }
    try x.sendClientMessage(to: toplevel, type: protocols, data: [delete, 0])
    return toplevel
  }
}
#endif
