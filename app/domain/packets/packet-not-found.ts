/** A packet, its event or one of its files does not exist (or is not in the event asked for). */
export class PacketNotFoundError extends Error {
  name = "PacketNotFoundError";
  status = 404;
}
