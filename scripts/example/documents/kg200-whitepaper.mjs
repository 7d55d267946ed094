// The KG-200 security whitepaper (public).

import { LEGAL_NAME } from './company.mjs';
import { C, Doc, longDate } from './layout.mjs';

export async function kg200Whitepaper(meta) {
  const doc = await Doc.create(
    { ...meta, subject: 'How the KG-200 industrial IoT gateway protects itself, your data and your network' },
    { footerNote: `${LEGAL_NAME} | KG-200 security whitepaper, version 2.1 | Public` },
  );
  doc.title('KG-200 security whitepaper', 'How the KG-200 industrial IoT gateway protects itself, your data and your network');
  doc.text(`Version 2.1, ${longDate(meta.updated)}. Applies to KG-200 hardware revisions B and C running KestrelOS 4.7 or later.`, {
    size: 8.5,
    color: C.muted,
    after: 10,
  });

  doc.heading('1. Summary');
  doc.p(
    'The KG-200 connects sensors, meters and controllers on your site to Kestrel Cloud. Because it sits between your operational technology (OT) network and the internet, we designed it on the assumption that every side of it may be hostile: the plant network it reads from, the networks it sends through, and anyone who can touch the unit. This paper describes the protections built into the gateway, the services behind it, and what we recommend when you install it.',
  );
  doc.bullets([
    '**Only Kestrel-signed firmware runs.** The boot chain is anchored in one-time-programmable fuses in the processor, and older, vulnerable releases cannot be reinstalled.',
    '**Each gateway has its own identity.** Its private key is generated inside a secure element and never leaves it, so an identity cannot be copied to another device.',
    '**Updates are signed, staged and reversible.** A gateway that cannot boot an update returns to the previous version on its own, and a bad release is halted before it reaches most of the fleet.',
    '**Outbound only.** The gateway opens no listening ports towards the internet and needs no inbound firewall rules. It does not route traffic between its network interfaces.',
    '**Telemetry is signed and numbered.** Kestrel Cloud rejects data that has been forged, altered or replayed.',
  ]);

  doc.heading('2. Hardware at a glance');
  doc.table(
    [
      { title: 'Component', width: 0.24 },
      { title: 'What it does for security', width: 0.76 },
    ],
    [
      [
        'Application processor',
        '64-bit ARM SoC (quad-core Cortex-A53) with hardware cryptographic acceleration. One-time-programmable fuses hold the hash of the Kestrel boot verification key and lock the device into secure boot mode at manufacture.',
      ],
      [
        'Secure element',
        'Certified tamper-resistant chip that generates and stores the device private key (ECDSA P-256), signs telemetry and TLS handshakes, and keeps the monotonic counters used for anti-rollback and message sequencing.',
      ],
      [
        'Storage',
        '16 GB eMMC with two system partitions (A and B) holding read-only, integrity-checked firmware images, and a separate data partition encrypted with a key bound to the secure element.',
      ],
      [
        'Interfaces',
        'Two Gigabit Ethernet ports (uplink and OT), two RS-485 ports for Modbus RTU, an optional LTE Cat 4 modem, and a USB-C service port used only for local recovery with signed images.',
      ],
      ['Debug access', 'JTAG and the serial console are permanently disabled by fuses on production units before they leave the factory.'],
      [
        'Tamper switch',
        'Detects opening of the enclosure, even without power. The event is recorded by the secure element and reported at the next connection; you can set gateways to refuse to start until an administrator acknowledges it.',
      ],
    ],
  );

  doc.heading('3. Secure boot and anti-rollback');
  doc.p(
    'When the KG-200 powers on, the boot ROM in the processor checks the signature of the first-stage bootloader against the key hash burned into its fuses. The bootloader in turn verifies the signed firmware image, which contains the Linux kernel, device tree and root file system. If any signature fails, the gateway does not run the image. Because the trust anchor is in fuses, it cannot be changed by software, by the USB-C service port or by replacing the storage chip.',
  );
  doc.p(
    'The root file system is read-only and protected with dm-verity: every block is checked against a signed hash tree when it is read, so a change to a single byte on storage is detected at run time, not only at boot. Configuration, buffered telemetry and certificates live on the separate encrypted data partition.',
  );
  doc.p(
    '**Anti-rollback.** Every release carries a security version number. When a release fixes a vulnerability that must not return, we raise that number, and the gateway records the new minimum in a monotonic counter in the secure element after a successful boot. From then on it refuses any image with a lower number, so an attacker cannot install an older, genuinely signed release to reopen a fixed flaw. Ordinary feature releases do not raise the number, so you can still move between recent versions.',
  );
  doc.p(
    '**Failed boots.** The gateway installs an update into the inactive partition and tries it once. If the new image does not complete its health check, which includes reaching Kestrel Cloud, three boots in a row, the gateway switches back to the previous partition without anyone on site.',
  );

  doc.heading('4. Secure element and device identity');
  doc.p(
    'Each KG-200 receives its identity on the production line of our contract manufacturer, Norrland Electronics in Poland, from a provisioning station that Kestrel owns, configures and audits. The station asks the secure element to generate a key pair; the private key is created inside the chip and cannot be exported. The station then sends a certificate signing request to the Kestrel Device Issuing CA, which issues an X.509 certificate containing the gateway serial number. Each certificate is recorded in our device registry with its batch and station. A gateway that is not in the registry is refused even if its certificate chains correctly.',
  );
  doc.bullets([
    '**PKI.** The device root CA is offline, held in a hardware security module (HSM) under two-person control and used only in recorded ceremonies. Issuing CA keys are held in AWS CloudHSM.',
    '**Issuance limits.** The issuing CA accepts requests only from registered stations and only up to the production quantity authorised for that day. Every month we reconcile certificates issued against units shipped and investigate any difference.',
    '**Lifetime and renewal.** Device certificates are valid for 10 years. From 12 months before expiry the gateway renews its certificate automatically over its authenticated connection.',
    '**Revocation.** When a gateway is reported stolen, fails a tamper check or is scrapped, its certificate is revoked and published within 4 hours, and Kestrel Cloud refuses its next connection. You can revoke your own gateways from Fleet > Gateways in Kestrel Cloud.',
    '**Clone detection.** The same identity connecting from two places at once raises a security alert and leads to revocation.',
  ]);

  doc.heading('5. Signed, staged updates');
  doc.p(
    'KestrelOS release images are built only by isolated build runners from reviewed, tagged source, with pinned toolchains, and each build produces a software bill of materials (SBOM) and a provenance record. Release images are signed with ECDSA P-256 keys that are generated in and never leave a dedicated HSM. The HSM signs only when two of five named key custodians present their smartcards, and at least one custodian comes from outside the firmware team. No single Kestrel employee can sign firmware.',
  );
  doc.p(
    'The gateway verifies the signature and security version of an update before writing it to the inactive partition, so the security of an update does not depend on the network that delivered it. Updates reach the fleet in four stages, with cohorts drawn at random across customers:',
  );
  doc.table(
    [
      { title: 'Stage', width: 0.14 },
      { title: 'Share of the fleet', width: 0.3 },
      { title: 'Minimum time before the next stage', width: 0.56 },
    ],
    [
      ['1', '1%', '24 hours'],
      ['2', '10%', '48 hours'],
      ['3', '50%', '48 hours'],
      ['4', '100%', '-'],
    ],
  );
  doc.p(
    'The rollout service halts a release automatically, and pages our firmware on-call engineer, if more than 0.5% of updated gateways in a stage fail to boot it or roll back, if fewer than 98% reconnect within 30 minutes, if crash or watchdog resets exceed twice the previous release, or if telemetry signature failures rise. Updates install only inside the maintenance windows you set for each site. You can defer a feature release for up to 90 days; security releases install in your next window.',
  );

  doc.heading('6. Telemetry integrity');
  doc.bullets([
    'Gateways connect to Kestrel Cloud over MQTT with mutual TLS 1.2 or 1.3. The gateway authenticates with its device certificate and pins the Kestrel Cloud server CA, refusing any other, so TLS inspection proxies cannot intercept the connection.',
    'Each batch of readings is signed by the secure element and carries a 64-bit sequence number that survives reboots. Kestrel Cloud rejects batches with a bad signature, a repeated or lower sequence number, or an identity that does not match the connection, and alerts our security team when rejections rise.',
    "The device and tenant used inside Kestrel Cloud come from the authenticated certificate and the device registry, never from the message content, so one gateway cannot publish data as another or into another customer's account.",
    'Gateways set their clocks using Network Time Security (NTS), which authenticates the time source. Readings with implausible timestamps are flagged rather than silently stored.',
  ]);

  doc.heading('7. Network behaviour');
  doc.p('These are all the connections a KG-200 makes. Everything is initiated by the gateway.');
  doc.table(
    [
      { title: 'Interface', width: 0.14 },
      { title: 'Destination', width: 0.27 },
      { title: 'Protocol and port', width: 0.25 },
      { title: 'Purpose', width: 0.34 },
    ],
    [
      ['Uplink', 'mqtt.eu.kestrel.example', 'MQTT over TLS, TCP 8883', 'Telemetry, health reports, configuration'],
      ['Uplink', 'updates.kestrel.example', 'HTTPS, TCP 443', 'Firmware downloads and certificate renewal'],
      ['Uplink', 'nts.kestrel.example', 'NTS-KE TCP 4460, NTP UDP 123', 'Authenticated time'],
      ['Uplink', 'Your DNS resolver', 'UDP and TCP 53', 'Name resolution (static entries also supported)'],
      ['OT', 'Only the devices you configure', 'Modbus TCP 502, OPC UA 4840, Modbus RTU on RS-485', 'Reading values as a client'],
    ],
  );
  doc.bullets([
    'There are no listening services on the uplink interface and no SSH server on the gateway. Kestrel support cannot open a shell on your gateway; diagnostics are collected in a bundle that your administrators trigger, with credentials removed.',
    'IP forwarding is disabled and enforced by the KestrelOS firewall: the gateway never routes or bridges packets between the OT and uplink interfaces.',
    'Write operations towards plant equipment (Modbus writes, OPC UA method calls) are disabled by default. Only your tenant administrators can enable them, per register, and every change is recorded in your audit log. Kestrel staff cannot change which plant systems a gateway reads from.',
    'Outbound traffic can pass through an HTTP CONNECT proxy. The LTE modem can use a private APN.',
  ]);

  doc.heading('8. Recommended placement in an OT architecture');
  doc.p(
    'Treat the KG-200 as a conduit between your control network and the outside world, in the sense of the zones and conduits model of IEC 62443-3-3. In a Purdue-style architecture we recommend placing it in the industrial DMZ (level 3.5):',
  );
  doc.bullets(
    [
      'Connect the OT port to a dedicated VLAN or segment, and allow it to reach only the controllers, meters and OPC UA servers it reads from, on the ports it needs.',
      'Allow the uplink port only the outbound connections in section 7. No inbound rules are needed; block everything else.',
      'Mount the gateway in a locked cabinet, turn on the tamper start-up lock for unattended sites, and keep the USB-C service port covered.',
      'Give each site a maintenance window that suits its operations, and forward your Kestrel Cloud audit log to your SIEM through the API.',
      'Report lost, stolen or replaced gateways so that we revoke them, and return them to us for secure disposal.',
    ],
    { numbered: true },
  );

  doc.heading('9. Vulnerability handling and assurance');
  doc.p(
    'We check the KestrelOS SBOM against public vulnerability data every night and fix vulnerabilities in released firmware within set deadlines: 30 days for critical, 60 days for high. We publish advisories on our trust center, and security researchers can reach us at security@kestrel.example under our vulnerability disclosure policy. Each hardware revision receives security updates for at least eight years after its last sale.',
  );
  doc.p(
    'An independent firm tests the gateway hardware, firmware and update mechanism together with Kestrel Cloud every year. Firmware signing, device identity and the update service are in scope of our ISO/IEC 27001:2022 certificate and our SOC 2 Type II report. A component assessment of the KG-200 against IEC 62443-4-2 at security level 2 is under way, with certification expected in 2027.',
  );
  doc.callout(
    '**Questions?** Our security team answers technical questions from customers and prospects at security@kestrel.example. Reports, certificates and our security questionnaire are available at https://trust.kestrel.example.',
  );
  return doc.save();
}
