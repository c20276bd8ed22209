import { z } from "zod";

/**
 * The company's own apps, for the scan link to open them: iOS universal links
 * (`/.well-known/apple-app-site-association`) and Android app links
 * (`/.well-known/assetlinks.json`), and the store links the scan page offers a phone without
 * the app. The formats are Apple's and Google's; a value they would reject is refused at start,
 * since a wrong file fails silently on the phone (the link opens the browser instead).
 */
export const appLinksSchema = z
  .strictObject({
    ios: z
      .strictObject({
        /** `TEAMID.bundle.id`: Apple's app ID, the team ID (10 characters) then the bundle ID. */
        appIds: z
          .array(
            z
              .string()
              .regex(
                /^[A-Z0-9]{10}\.[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/,
                "must be TEAMID.bundle.id (a 10-character team ID, a dot, the bundle ID)",
              ),
          )
          .min(1, "must list at least one app ID"),
        /** The app's App Store page, offered on the scan page. */
        storeUrl: z.url({ protocol: /^https$/ }).optional(),
      })
      .optional(),
    android: z
      .array(
        z.strictObject({
          packageName: z
            .string()
            .regex(
              /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/,
              "must be a Java package name like com.acme.app",
            ),
          /** SHA-256 fingerprints of the signing certificates, as `keytool -list -v` prints them. */
          sha256CertFingerprints: z
            .array(
              z
                .string()
                .regex(
                  /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/,
                  "must be 32 upper-case hex bytes separated by colons (AB:CD:…)",
                ),
            )
            .min(1, "must list at least one fingerprint"),
          /** The app's Google Play (or other store) page, offered on the scan page. */
          storeUrl: z.url({ protocol: /^https$/ }).optional(),
        }),
      )
      .min(1, "must list at least one app")
      .optional(),
  })
  .refine((links) => links.ios !== undefined || links.android !== undefined, {
    message: "give ios, android or both",
  });

export type AppLinks = z.infer<typeof appLinksSchema>;
