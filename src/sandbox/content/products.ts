/**
 * The products the sandbox serves, written by hand so that titles, features and bug reports read
 * like a real TestIO account. Ids are fixed for every seed: specs and tests refer to 25073.
 */
import type { BugSeverity, ProductType, Section } from '../types.js';

export interface BugTemplate {
  severity: BugSeverity;
  title: string;
  expected: string;
  actual: string;
  /** The tester's actions after opening the feature; the generator adds the opening step. */
  actions: string[];
  /** Generic templates only: restricts the template to websites or to apps. */
  platform?: 'web' | 'app';
}

export interface FeatureSpec {
  title: string;
  description: string;
  howtofind: string;
  /** URL path (websites) or screen name (apps) where bugs are found. */
  path: string;
  stories: string[];
  /** Indexes into the product's `sections`; omitted = every section. */
  sections?: number[];
  bugs?: BugTemplate[];
}

export interface ProductSpec {
  id: number;
  name: string;
  type: ProductType;
  description: string | null;
  defaultSectionId: number;
  sections: Section[];
  baseUrl: string;
  owners: string[];
  /** Test-title themes; the generator adds a qualifier such as a release number. */
  themes: string[];
  features: FeatureSpec[];
}

export const MAIN_PRODUCT_ID = 25073;

const acmeBanking: ProductSpec = {
  id: MAIN_PRODUCT_ID,
  name: 'Acme Online Banking',
  type: 'website',
  description: 'Retail online banking for Acme Bank customers: accounts, transfers, cards and secure messages.',
  defaultSectionId: 31201,
  sections: [],
  baseUrl: 'https://staging.acme-bank.example',
  owners: ['maria.schulz', 'david.okafor', 'lena.hoffmann'],
  themes: [
    'Release regression',
    'Money transfers end-to-end',
    'Login and two-factor authentication',
    'Card management',
    'Accessibility and layout check',
    'Statement downloads',
    'New payee flow',
    'Smoke test after hotfix',
  ],
  features: [
    {
      title: 'Login and two-factor authentication',
      description: 'Customers sign in with their username and password and confirm with a SecureKey code.',
      howtofind: 'Open the start page and click "Log in" in the top right corner.',
      path: '/login',
      stories: [
        'As a customer I can log in with my username and password',
        'As a customer I confirm my login with a code from the Acme SecureKey app',
        'As a customer I can reset a forgotten password by e-mail',
      ],
      bugs: [
        { severity: 'critical', title: 'Login loops back to the sign-in page after entering a valid SecureKey code', expected: 'The account overview opens after the SecureKey code is accepted.', actual: 'The page reloads and shows the sign-in form again; the customer cannot log in.', actions: ['Enter the test username and password', 'Click "Log in"', 'Enter the SecureKey code from the test app', 'Click "Confirm"'] },
        { severity: 'high', title: 'Password reset e-mail link expires immediately', expected: 'The reset link is valid for 30 minutes.', actual: 'Opening the link right after receiving it shows "This link has expired".', actions: ['Click "Forgot password?"', 'Enter the test e-mail address', 'Open the reset e-mail and click the link'] },
        { severity: 'low', title: 'SecureKey input does not accept a pasted code', expected: 'A pasted six-digit code fills the input.', actual: 'Nothing is pasted; the code has to be typed digit by digit.', actions: ['Log in with the test account', 'Copy the SecureKey code', 'Paste it into the code field'] },
      ],
    },
    {
      title: 'Account overview',
      description: 'Balances and recent transactions of every account the customer holds.',
      howtofind: 'Shown right after login; also reachable through "Accounts" in the main menu.',
      path: '/accounts',
      stories: ['As a customer I see the balance of each of my accounts', 'As a customer I can download a statement as PDF'],
      bugs: [
        { severity: 'high', title: 'Statement PDF download returns an empty file for December', expected: 'The December statement downloads as a readable PDF.', actual: 'A 0 KB file named statement.pdf is downloaded.', actions: ['Open the current account', 'Click "Statements"', 'Choose December and click "Download PDF"'] },
        { severity: 'visual', title: 'Negative balances overflow their card on narrow screens', expected: 'The balance fits inside the account card.', actual: 'Amounts such as "-12,345.67 EUR" run over the card border.', actions: ['Resize the browser window to 360 px width', 'Look at the account with a negative balance'] },
        { severity: 'content', title: 'Transaction list says "Pending transations"', expected: 'The heading reads "Pending transactions".', actual: 'The heading is misspelled as "Pending transations".', actions: ['Open the current account', 'Scroll to the pending transactions'] },
      ],
    },
    {
      title: 'Money transfers',
      description: 'Domestic and SEPA transfers to saved or new payees, now or on a later date.',
      howtofind: 'Main menu > "Transfers" > "New transfer".',
      path: '/transfers/new',
      stories: [
        'As a customer I can send money to a saved payee',
        'As a customer I can schedule a transfer for a later date',
        'As a customer I see a confirmation with a reference number',
      ],
      bugs: [
        { severity: 'critical', title: 'Transfer is submitted twice when "Confirm" is double-clicked', expected: 'Only one transfer is created.', actual: 'Two identical transfers appear in the transaction list.', actions: ['Choose a saved payee', 'Enter an amount of 1.00 EUR', 'Double-click "Confirm transfer"'] },
        { severity: 'high', title: 'Scheduled transfer date picker allows dates in the past', expected: 'Past dates are disabled.', actual: 'Yesterday can be selected and the transfer is accepted.', actions: ['Select "Schedule for later"', 'Open the date picker', "Pick yesterday's date"] },
        { severity: 'low', title: 'Reference field silently cuts text after 35 characters', expected: 'A counter or a message tells the limit.', actual: 'Extra characters are dropped without notice.', actions: ['Enter a 50-character reference', 'Continue to the summary'] },
      ],
    },
    {
      title: 'Payees',
      description: 'Saved recipients with IBAN and name; new payees need a SecureKey confirmation.',
      howtofind: 'Main menu > "Transfers" > "Payees".',
      path: '/payees',
      stories: ['As a customer I can add a new payee with an IBAN', 'As a customer I can delete a payee'],
      bugs: [
        { severity: 'high', title: 'Valid IBAN with spaces is rejected as invalid', expected: 'IBANs with the usual spacing are accepted.', actual: '"DE89 3704 0044 0532 0130 00" shows "Invalid IBAN".', actions: ['Click "Add payee"', 'Enter a name and the IBAN with spaces', 'Click "Save"'] },
        { severity: 'content', title: 'Delete payee dialog has a placeholder text', expected: 'The dialog names the payee to be deleted.', actual: 'The dialog says "Delete {{payee_name}}?".', actions: ['Open the payee list', 'Click the bin icon next to a payee'] },
      ],
    },
    {
      title: 'Card management',
      description: 'Freeze and unfreeze cards, change limits and order a replacement.',
      howtofind: 'Main menu > "Cards".',
      path: '/cards',
      stories: ["As a customer I can freeze and unfreeze my debit card", "As a customer I can change my card's daily spending limit"],
      bugs: [
        { severity: 'high', title: 'Card stays frozen after clicking "Unfreeze"', expected: 'The card status changes to "Active".', actual: 'A success toast appears but the card still shows "Frozen" after reload.', actions: ['Freeze the test debit card', 'Click "Unfreeze"', 'Reload the page'] },
        { severity: 'visual', title: 'Spending limit slider thumb is hidden behind the label', expected: 'The slider thumb is visible and draggable.', actual: 'The label covers the thumb at values above 2,000 EUR.', actions: ['Click "Change limit"', 'Drag the slider to the right'] },
      ],
    },
    {
      title: 'Standing orders',
      description: 'Recurring transfers with a start date, an interval and an optional end date.',
      howtofind: 'Main menu > "Transfers" > "Standing orders".',
      path: '/standing-orders',
      stories: ['As a customer I can create a monthly standing order', 'As a customer I can pause a standing order'],
    },
    {
      title: 'Secure messages',
      description: 'Encrypted messages between customers and their advisor, with attachments.',
      howtofind: 'Envelope icon in the header.',
      path: '/messages',
      stories: ['As a customer I can send a message to my advisor', 'As a customer I can attach a PDF to a message'],
      bugs: [
        { severity: 'low', title: 'Unread message counter does not update after reading', expected: 'The counter decreases when a message is opened.', actual: 'The counter keeps the old number until logout.', actions: ['Open an unread message', 'Return to the inbox'] },
      ],
    },
    {
      title: 'Profile and settings',
      description: 'Contact details, notification preferences and language.',
      howtofind: 'Click the avatar in the header and choose "Settings".',
      path: '/settings',
      stories: ['As a customer I can change my phone number', 'As a customer I can switch the language to German'],
      bugs: [
        { severity: 'custom', title: '[Usability] Users cannot tell whether notification changes were saved', expected: 'A clear confirmation after saving.', actual: 'No feedback at all; testers clicked "Save" several times.', actions: ['Toggle "E-mail me about large transfers"', 'Click "Save"'] },
      ],
    },
  ],
};

function mobileBanking(id: number, type: ProductType, platform: string, defaultSectionId: number): ProductSpec {
  return {
    id,
    name: `Acme Banking Mobile for ${platform}`,
    type,
    description: `The Acme Bank app for ${platform}: balances, payments and card controls on the go.`,
    defaultSectionId,
    sections: [],
    baseUrl: `acmebank://${platform.toLowerCase()}`,
    owners: ['david.okafor', 'priya.natarajan'],
    themes: ['App release regression', 'Biometric login', 'Payments on the go', 'Push notifications', 'Tablet layout check'],
    features: [
      {
        title: 'Biometric login',
        description: 'Unlock the app with Face ID, Touch ID or fingerprint instead of the PIN.',
        howtofind: 'Enable it in Settings > Security, then restart the app.',
        path: 'Login screen',
        stories: ['As a customer I can unlock the app with my fingerprint or face', 'As a customer I fall back to my PIN after three failed attempts'],
        bugs: [
          { severity: 'critical', title: 'App crashes when biometric prompt is cancelled', expected: 'The PIN pad is shown after cancelling.', actual: 'The app closes immediately.', actions: ['Start the app', 'Tap "Cancel" on the biometric prompt'] },
        ],
      },
      { title: 'Accounts', description: 'List of accounts with balance and transactions.', howtofind: 'First tab after login.', path: 'Accounts tab', stories: ['As a customer I see my balances at a glance'] },
      {
        title: 'Send money',
        description: 'Payments to saved payees and by scanning an invoice QR code.',
        howtofind: 'Tap the "Send" button in the tab bar.',
        path: 'Send money screen',
        stories: ['As a customer I can pay by scanning a QR code', 'As a customer I can send money to a saved payee'],
        bugs: [
          { severity: 'high', title: 'QR code scanner shows a black screen after granting camera access', expected: 'The camera preview starts.', actual: 'The preview stays black until the app is restarted.', actions: ['Tap "Scan invoice"', 'Allow camera access when asked'] },
        ],
      },
      { title: 'Card controls', description: 'Freeze cards and set regional restrictions.', howtofind: 'Cards tab > choose a card.', path: 'Card detail screen', stories: ['As a customer I can block my card for use abroad'] },
      { title: 'Push notifications', description: 'Notifications for incoming money and card payments.', howtofind: 'Settings > Notifications.', path: 'Notification settings', stories: ['As a customer I get a push notification for every card payment'] },
    ],
  };
}

const nordwind: ProductSpec = {
  id: 18442,
  name: 'Nordwind Travel Booking',
  type: 'website',
  description: 'Flight and hotel booking site of Nordwind Travel.',
  defaultSectionId: 20510,
  sections: [
    { id: 20511, name: 'Flights' },
    { id: 20512, name: 'Hotels' },
    { id: 20513, name: 'Checkout' },
  ],
  baseUrl: 'https://www.nordwind-travel.example',
  owners: ['jonas.berg', 'sofia.lindqvist'],
  themes: ['Summer sale readiness', 'Flight search regression', 'Hotel booking flow', 'Checkout and payment', 'Full regression sweep'],
  features: [
    { title: 'Flight search', description: 'One-way and return searches with flexible dates.', howtofind: 'Start page search box, "Flights" tab.', path: '/flights', stories: ['As a traveller I can search return flights for two adults'], sections: [0] },
    { title: 'Fare calendar', description: 'Cheapest fares per day for a month.', howtofind: 'Search results > "Show fare calendar".', path: '/flights/calendar', stories: ['As a traveller I can see the cheapest day to fly'], sections: [0] },
    { title: 'Seat selection', description: 'Seat map with paid and free seats.', howtofind: 'After choosing a flight, step "Seats".', path: '/booking/seats', stories: ['As a traveller I can pick a window seat'], sections: [0] },
    { title: 'Hotel search', description: 'Hotels by city, dates and guests with map view.', howtofind: 'Start page search box, "Hotels" tab.', path: '/hotels', stories: ['As a traveller I can filter hotels by rating'], sections: [1] },
    { title: 'Room booking', description: 'Room types, breakfast options and cancellation terms.', howtofind: 'Open any hotel and click "Choose room".', path: '/hotels/rooms', stories: ['As a traveller I can book a room with free cancellation'], sections: [1] },
    { title: 'Payment', description: 'Card, PayPal and invoice payment with 3-D Secure.', howtofind: 'Last step of any booking.', path: '/checkout/payment', stories: ['As a traveller I can pay by credit card with 3-D Secure', 'As a traveller I can pay with PayPal'], sections: [0, 1, 2] },
    { title: 'Booking confirmation', description: 'Confirmation page and e-mail with the booking code.', howtofind: 'Shown after payment.', path: '/checkout/confirmation', stories: ['As a traveller I receive a confirmation e-mail with my booking code'], sections: [2] },
  ],
};

const freshcart: ProductSpec = {
  id: 21937,
  name: 'FreshCart Grocery Delivery',
  type: 'website',
  description: 'Online grocery shop with same-day delivery slots.',
  defaultSectionId: 24001,
  sections: [],
  baseUrl: 'https://shop.freshcart.example',
  owners: ['ops.freshcart'],
  themes: ['Daily smoke test'],
  features: [
    { title: 'Product search', description: 'Search with autocomplete and filters.', howtofind: 'Search bar in the header.', path: '/search', stories: ['As a shopper I can find "oat milk" by typing "oat"'] },
    { title: 'Shopping cart', description: 'Cart with quantities, substitutions and totals.', howtofind: 'Cart icon in the header.', path: '/cart', stories: ['As a shopper I can change quantities in my cart'] },
    { title: 'Delivery slots', description: 'One-hour delivery windows for the next 7 days.', howtofind: 'Cart > "Choose delivery slot".', path: '/checkout/slots', stories: ['As a shopper I can book a delivery slot for tomorrow evening'] },
    { title: 'Checkout', description: 'Address, payment and order summary.', howtofind: 'Cart > "Checkout".', path: '/checkout', stories: ['As a shopper I can pay with a saved card'] },
    { title: 'Promo codes', description: 'Voucher codes applied to the order total.', howtofind: 'Cart > "Add promo code".', path: '/cart#promo', stories: ['As a shopper I can apply a 10% voucher'] },
  ],
};

const helios: ProductSpec = {
  id: 23310,
  name: 'Helios Energy Customer Portal',
  type: 'website',
  description: 'Self-service portal for electricity and gas customers.',
  defaultSectionId: 26600,
  sections: [
    { id: 26601, name: 'Billing' },
    { id: 26602, name: 'Meter readings' },
  ],
  baseUrl: 'https://portal.helios-energy.example',
  owners: ['tobias.keller'],
  themes: ['Annual bill season check', 'Meter reading submission', 'Tariff switch flow', 'Portal regression'],
  features: [
    { title: 'Bill overview', description: 'Invoices and payment status for the last 24 months.', howtofind: 'Menu > "My bills".', path: '/bills', stories: ['As a customer I can download my annual bill'], sections: [0] },
    { title: 'Direct debit', description: 'SEPA mandate management.', howtofind: 'Menu > "Payment method".', path: '/payment-method', stories: ['As a customer I can change my bank account for direct debit'], sections: [0] },
    { title: 'Submit meter reading', description: 'Enter a reading with an optional photo of the meter.', howtofind: 'Menu > "Meter readings" > "New reading".', path: '/meter/new', stories: ['As a customer I can submit a meter reading with a photo'], sections: [1] },
    { title: 'Consumption charts', description: 'Monthly consumption compared with last year.', howtofind: 'Menu > "Consumption".', path: '/consumption', stories: ['As a customer I can compare my usage with last year'], sections: [0, 1] },
  ],
};

const streambox: ProductSpec = {
  id: 24105,
  name: 'StreamBox TV',
  type: 'streaming_app',
  description: 'Video streaming app for smart TVs and streaming sticks.',
  defaultSectionId: 27300,
  sections: [],
  baseUrl: 'streambox://tv',
  owners: ['hana.sato', 'marco.rossi'],
  themes: ['Playback quality check', 'Profiles and parental controls', 'Living-room usability study', 'Subtitle and audio tracks'],
  features: [
    { title: 'Profiles', description: 'Up to five profiles per account, with kids profiles.', howtofind: 'Shown at app start.', path: 'Profile picker', stories: ['As a viewer I can create a kids profile'] },
    { title: 'Browse catalog', description: 'Rows of titles by genre and recommendations.', howtofind: 'Home screen.', path: 'Home screen', stories: ['As a viewer I can browse titles by genre'] },
    { title: 'Playback', description: 'Adaptive streaming up to 4K with resume.', howtofind: 'Open any title and press "Play".', path: 'Player', stories: ['As a viewer I can resume where I stopped'] },
    { title: 'Subtitles and audio', description: 'Subtitle and audio track selection during playback.', howtofind: 'Player > speech bubble icon.', path: 'Player settings', stories: ['As a viewer I can switch subtitles to German'] },
    { title: 'Parental controls', description: 'PIN-protected age ratings.', howtofind: 'Settings > Parental controls.', path: 'Parental controls', stories: ['As a parent I can block titles rated 16+'] },
  ],
};

const pixelQuest: ProductSpec = {
  id: 22781,
  name: 'Pixel Quest Arena',
  type: 'gaming',
  description: 'Free-to-play online arena game for PC and consoles.',
  defaultSectionId: 25500,
  sections: [],
  baseUrl: 'pixelquest://arena',
  owners: ['kim.nguyen'],
  themes: ['Season launch check', 'Matchmaking stress test', 'In-game store purchases', 'New player onboarding'],
  features: [
    { title: 'Onboarding tutorial', description: 'Guided first match for new players.', howtofind: 'Start the game with a new account.', path: 'Tutorial', stories: ['As a new player I learn the controls in the tutorial'] },
    { title: 'Matchmaking', description: 'Ranked and casual queues by region.', howtofind: 'Main menu > "Play".', path: 'Matchmaking lobby', stories: ['As a player I find a casual match within two minutes'] },
    { title: 'In-game store', description: 'Skins and battle pass bought with gems.', howtofind: 'Main menu > "Store".', path: 'Store', stories: ['As a player I can buy the season battle pass'] },
    { title: 'Leaderboards', description: 'Weekly and all-time rankings.', howtofind: 'Main menu > "Rankings".', path: 'Leaderboards', stories: ['As a player I see my weekly rank'] },
  ],
};

const contoso: ProductSpec = {
  id: 19964,
  name: 'Contoso Field Service',
  type: 'mobile_app_windows',
  description: 'Work-order app for field technicians on Windows tablets.',
  defaultSectionId: 22100,
  sections: [],
  baseUrl: 'contoso-fs://app',
  owners: ['elena.petrova'],
  themes: ['Offline mode check', 'Work order lifecycle', 'Release regression'],
  features: [
    { title: 'Work orders', description: 'Assigned jobs with checklist and status.', howtofind: 'Start screen.', path: 'Work order list', stories: ['As a technician I can close a work order with a checklist'] },
    { title: 'Offline sync', description: 'Jobs are cached and synced when the connection returns.', howtofind: 'Switch on flight mode while a job is open.', path: 'Sync status', stories: ['As a technician I can work without a connection'] },
    { title: 'Signature capture', description: 'Customer signs on the screen to confirm the job.', howtofind: 'Work order > "Finish job".', path: 'Signature pad', stories: ['As a technician I collect the customer signature'] },
    { title: 'Photo attachments', description: 'Photos of the installation attached to the job.', howtofind: 'Work order > camera icon.', path: 'Photo picker', stories: ['As a technician I can attach three photos to a job'] },
  ],
};

export const PRODUCT_SPECS: readonly ProductSpec[] = [
  acmeBanking,
  mobileBanking(25088, 'mobile_app_ios', 'iOS', 31301),
  mobileBanking(25089, 'mobile_app_android', 'Android', 31302),
  nordwind,
  freshcart,
  helios,
  streambox,
  pixelQuest,
  contoso,
];

/** Product that holds the paging benchmark test (2,000 bugs). */
export const BIG_TEST_PRODUCT_ID = 18442;
/** Product with daily smoke tests: more than 150 tests, so the unpaged list is capped. */
export const DAILY_TESTS_PRODUCT_ID = 21937;
